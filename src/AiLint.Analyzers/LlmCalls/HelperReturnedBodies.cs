using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// A request body a project helper builds and returns, for <see cref="RequestBodyShape.Of"/>:
    /// <c>private static object CreateRequestBody(string prompt) =&gt; new { model = "text-davinci-001", prompt, max_tokens = 200 };</c>
    /// posted as <c>http.PostAsJsonAsync(url, CreateRequestBody(p))</c> (a public GptResponseApi app). The body is what the
    /// helper's one return gives.
    /// </summary>
    /// <remarks>
    /// Only an ordinary, non-virtual method (or local function) declared once in the compilation, with exactly one
    /// <c>return</c> (or an expression body): an override or an interface's implementation may return another body at run
    /// time, and a helper with several returns builds a different body on each path, so no one of them is certain to be
    /// sent. The caller of <see cref="RequestBodyShape.Of"/> follows one helper at most (the returned value is read as
    /// written, not through a further helper), so a recursive helper is read once.
    /// </remarks>
    internal static class HelperReturnedBodies
    {
        /// <summary>The one value <paramref name="call"/>'s project helper returns, or null.</summary>
        public static IOperation? Returned(IInvocationOperation call, Compilation compilation, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod;
            if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                || method.ReturnsVoid
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || method.ContainingType?.TypeKind == TypeKind.Interface
                || !SourceBodies.IsInSource(method, compilation)
                || method.OriginalDefinition.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var returned = SourceBodies.ReturnedValues(method, compilation, cancellationToken);
            return returned.Count == 1 ? returned[0] : null;
        }

        /// <summary>
        /// The value the helper call <paramref name="call"/> gives a parameter of the helper that <paramref name="value"/>
        /// reads (<c>CreateBody("gpt-4", prompt)</c> for <c>new { model, prompt }</c>): the caller's argument, as a model
        /// id a caller hands to a helper that posts it is read (review88); null when the value is no parameter of the helper
        /// or the call leaves it to its default (the default is then read at the parameter, as in any body).
        /// </summary>
        public static IOperation? AtCaller(IOperation value, IInvocationOperation call)
        {
            if (OperationValues.Unwrap(value) is not IParameterReferenceOperation { Parameter: var parameter }
                || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, call.TargetMethod.OriginalDefinition))
            {
                return null;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == parameter.Ordinal)
                {
                    return argument.ArgumentKind == ArgumentKind.Explicit ? argument.Value : null;
                }
            }

            return null;
        }
    }
}
