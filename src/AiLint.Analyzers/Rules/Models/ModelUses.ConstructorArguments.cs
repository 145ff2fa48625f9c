using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// <c>new OpenAIProvider(http, key, "gpt-4o-mini")</c> where the project's class stores the argument in a readonly field
    /// that its model slots or raw request bodies send (<see cref="ConstructorArgumentSlots"/>, review81 U-1).
    /// </summary>
    internal sealed partial class ModelUses
    {
        /// <summary>
        /// Reports each constant argument of <paramref name="creation"/> that the class sends as a model id, at the
        /// argument (where the fix goes), as a chained constructor's argument is (<see cref="CheckStoredArgument"/>). Not
        /// in code that does not compile there (a half-typed call may bind to a constructor it will not call).
        /// </summary>
        private void CheckConstructorArguments(IObjectCreationOperation creation, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
        {
            if (creation.Constructor is not { } constructor || creation.Arguments.IsEmpty)
            {
                return;
            }

            Compilation? compilation = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter)
                {
                    continue;
                }

                // The constructor's test once, before any argument is folded: most constructions are not the project's providers.
                if (compilation == null)
                {
                    if (creation.SemanticModel?.Compilation is not { } known
                        || !ConstructorArgumentSlots.IsCandidate(constructor, known)
                        || creation.Syntax.ContainsDiagnostics)
                    {
                        return;
                    }

                    compilation = known;
                }

                CheckStoredArgument(argument, parameter, compilation, report, cancellationToken);
            }
        }
    }
}
