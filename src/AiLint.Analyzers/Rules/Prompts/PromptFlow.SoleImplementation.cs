// PromptFlow: a call of an interface or abstract string method with one implementation in the compilation, followed into that body's returns.
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A DI'd prompt builder (<c>ISystemPromptBuilder.BuildSystemPrompt(string? basePrompt = null)</c> called as <c>new
    /// SystemChatMessage(builder.BuildSystemPrompt(systemPrompt))</c>) whose contract, declared in this project, has exactly
    /// one implementation here: the call can run only that body (<see cref="AbstractImplementations.Find"/> gives up on a
    /// body it cannot know: one from a referenced assembly, one a subclass may override again), so its returns are followed
    /// as a non-virtual project method's are, and an implementation's parameter in them is the argument of this call. Two or
    /// more implementations, or none (the body lives in a project that references this one), leave the call unfollowed.
    /// Parameterless contracts keep their own reading (<see cref="ImplementedMethodPrompts"/>), which runs first.
    /// </summary>
    internal sealed partial class PromptFlow
    {
        private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol?> soleImplementations =
            new ConcurrentDictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default);

        /// <summary>The one implementation a virtual call of a string contract of this project can run, with its returns; or null.</summary>
        private (IMethodSymbol Implementation, List<IOperation> Returned)? SoleImplementationReturns(IOperation? operation, CancellationToken cancellationToken)
        {
            if (!(operation is IInvocationOperation { IsVirtual: true } call))
            {
                return null;
            }

            var contract = call.TargetMethod.OriginalDefinition;
            if (contract.MethodKind != MethodKind.Ordinary
                || contract.IsStatic
                || contract.IsGenericMethod
                || !contract.IsAbstract
                || contract.ReturnType.SpecialType != SpecialType.System_String
                || !(contract.ContainingType is { TypeKind: TypeKind.Interface or TypeKind.Class })
                || !SymbolEqualityComparer.Default.Equals(contract.ContainingAssembly, compilation.Assembly))
            {
                return null;
            }

            var implementation = soleImplementations.GetOrAdd(contract, c =>
                AbstractImplementations.Find(c, compilation, cancellationToken) is { Count: 1 } found ? found[0] : null);
            if (implementation == null)
            {
                return null;
            }

            var returned = SourceBodies.ReturnedValues(implementation, compilation, cancellationToken);
            return returned.Count > 0 ? (implementation, returned) : null;
        }
    }
}
