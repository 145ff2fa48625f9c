using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// <c>public ClaudeProvider(IHttpClientFactory f, string key) : this(f, key, "claude-3-haiku-20240307") { }</c> and
    /// <c>public MiniChat(HttpClient http) : base(http, "gpt-4o-mini") { }</c>: a constructor that chains to one of the
    /// project's constructors storing the argument for a model slot (<see cref="ConstructorArgumentSlots"/>) fixes the id
    /// every instance built through it sends, as <c>new ClaudeProvider(f, key, "claude-3-...")</c> does.
    /// </summary>
    internal sealed partial class ModelUses
    {
        /// <summary>
        /// Reports each constant argument of a constructor initializer that the called constructor stores for a model slot
        /// whose provider is known, at the argument, over the rows that count there. Not when the chaining class overrides
        /// a member of the class it chains to (<see cref="ConstructorArgumentSlots.SendsAsDeclared"/>), and not in code that
        /// does not compile there.
        /// </summary>
        private void CheckChainedConstructorArguments(IInvocationOperation initializer, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            // Cheap test first: of all invocations only `: this(...)` and `: base(...)` call an instance constructor.
            if (initializer.TargetMethod.MethodKind != MethodKind.Constructor
                || initializer.Arguments.IsEmpty
                || initializer.SemanticModel?.Compilation is not { } compilation
                || !ConstructorArgumentSlots.IsCandidate(initializer.TargetMethod, compilation)
                || initializer.Syntax.ContainsDiagnostics
                || !ConstructorArgumentSlots.SendsAsDeclared(initializer, cancellationToken))
            {
                return;
            }

            foreach (var argument in initializer.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter)
                {
                    CheckStoredArgument(argument, parameter, compilation, report, cancellationToken);
                }
            }
        }

        /// <summary>
        /// A constant argument for a constructor parameter that <see cref="ConstructorArgumentSlots"/> follows: reported at
        /// the argument over the rows of the provider its slots name. Not when the only slots are an SDK's and the project
        /// points OpenAI-style clients at another server (the stored client may be one of those).
        /// </summary>
        private void CheckStoredArgument(IArgumentOperation argument, IParameterSymbol parameter, Compilation compilation, Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            if (ConstructorArgumentSlots.SentConstant(argument.Value, symbols, cancellationToken) is not { } id
                || table.Find(id) is null
                || symbols.ConstructorArguments.Of(parameter, symbols, rawHttp, compilation, cancellationToken) is not { Followed: true } outcome
                || (outcome.ViaSdk && outcome.Provider == null && symbols.ProjectRedirectsOpenAI(cancellationToken)))
            {
                return;
            }

            var view = outcome.Provider is { } provider ? table.OfProvider(provider) : table;
            if (view.Find(id) is { } row && ModelIdDiagnostics.Create(row, id, argument.Value.Syntax.GetLocation(), table.CompiledOn) is { } diagnostic)
            {
                report(diagnostic);
            }
        }
    }
}
