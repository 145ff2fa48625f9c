using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// A raw-HTTP body's message list that a project helper returns (RecallAI.Api:
    /// <c>["input"] = OpenAIResponseHelpers.BuildMessages(systemPrompt, userPrompt)</c>, where <c>BuildMessages(string?
    /// systemPrompt, string userPrompt)</c> adds <c>new { role = "system", content = ... systemPrompt ... }</c> and the user's
    /// message to a local list and returns <c>messages.ToArray()</c>). The list the helper returns is read like the list
    /// written in the body (<see cref="RawHttpPromptSlots"/>), and a system text it takes from one of its parameters is the
    /// argument the call passes for it, so the caller's constant, or the caller's own parameter followed to its callers,
    /// is the prompt. Only at a call whose result is the body's message list: the same helper's result logged or sent
    /// elsewhere is not read.
    /// </summary>
    internal static class HelperReturnedMessageLists
    {
        /// <summary>
        /// The call and the list it returns, when <paramref name="list"/> (a body member) is, or is a local or field holding,
        /// a call to an ordinary non-virtual method of the project with exactly one returned value (an expression body or
        /// one <c>return</c>) and no syntax error; null otherwise.
        /// </summary>
        public static (IInvocationOperation Call, IOperation Returned)? Of(BodyValue list, Compilation compilation, CancellationToken cancellationToken)
        {
            if (list.Operation is not { } operation
                || OperationValues.Trace(operation, compilation, cancellationToken) is not IInvocationOperation call
                || call.TargetMethod is not { MethodKind: MethodKind.Ordinary, IsVirtual: false, IsAbstract: false, IsOverride: false, IsExtern: false } method
                || method.ContainingType?.TypeKind == TypeKind.Interface
                || !SourceBodies.IsInSource(method, compilation)
                || SourceBodies.GetBodySyntax(method, cancellationToken).ToList() is not { Count: 1 } bodies
                || bodies[0].ContainsDiagnostics
                || SourceBodies.ReturnedValues(method, compilation, cancellationToken) is not { Count: 1 } returned)
            {
                return null;
            }

            return (call, returned[0]);
        }

        /// <summary>
        /// What the caller of <paramref name="call"/> gives for <paramref name="value"/>, a system text read inside the helper:
        /// for one of the helper's parameters, passed by value, never assigned in the helper and given explicitly at the call,
        /// the argument; for a value that reads none of the helper's parameters (text the helper writes itself), the value;
        /// null for anything else (a parameter with a default or assigned in the helper, text computed from a parameter).
        /// </summary>
        public static IOperation? AtCaller(IOperation value, IInvocationOperation call)
        {
            var method = call.TargetMethod.OriginalDefinition;
            if (KnownPromptSymbols.Unwrap(value) is IParameterReferenceOperation { Parameter: var parameter })
            {
                if (!SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method)
                    || parameter.RefKind != RefKind.None
                    || IsAssigned(value, parameter))
                {
                    return null;
                }

                return call.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit
                    && a.Parameter is { } bound && bound.Ordinal == parameter.Ordinal)?.Value;
            }

            return value.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Any(p =>
                SymbolEqualityComparer.Default.Equals(p.Parameter.ContainingSymbol.OriginalDefinition, method))
                ? null
                : value;
        }

        /// <summary>Whether the helper's body (the tree <paramref name="reference"/> belongs to) writes the parameter.</summary>
        private static bool IsAssigned(IOperation reference, IParameterSymbol parameter)
        {
            var top = reference;
            while (top.Parent is { } parent)
            {
                top = parent;
            }

            foreach (var operation in top.Descendants())
            {
                var target = operation switch
                {
                    IAssignmentOperation assignment => assignment.Target,
                    IIncrementOrDecrementOperation step => step.Target,
                    IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } byRef => byRef.Value,
                    _ => null,
                };

                if (target is not null
                    && target.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Any(p => SymbolEqualityComparer.Default.Equals(p.Parameter, parameter)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
