using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// A raw <c>HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead)</c> retried by a <c>catch</c> whose
    /// <c>try</c> never reads the response's body: the response is returned to the caller or only its status and headers
    /// are tested (review 61, staffinity's <c>SendWithRetryAsync</c> cloning a Gemini request per attempt). A failure
    /// caught there happened before any of the answer arrived, so nothing was shown: the retry re-sends a generation
    /// (AIL0001), not a partly shown stream (AIL0002). A <c>try</c> that reads <c>response.Content</c>, or hands the
    /// response to any other code, keeps AIL0002, except a project method that only buffers the body into what it
    /// returns (review 84, DevPilot's <c>ReadStreamAsync</c>; see <see cref="BufferingProjectMethods"/>): the whole answer
    /// is read before the attempt is judged, so nothing was shown either.
    /// </summary>
    internal static class UnreadStreamingSends
    {
        public static bool BodyUnreadInEveryTry(IInvocationOperation call, IReadOnlyList<ITryOperation> tries)
        {
            if (call.TargetMethod is not { Name: "SendAsync" or "Send" } method
                || method.ContainingType is not { Name: "HttpClient", ContainingNamespace: { Name: "Http", ContainingNamespace: { Name: "Net", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } })
            {
                return false;
            }

            var response = ResponseLocal(call);
            foreach (var @try in tries)
            {
                if (response is null)
                {
                    // `return await http.SendAsync(...)`: handed straight out; a result used in any other way is not followed.
                    if (!IsReturnedDirectly(call))
                    {
                        return false;
                    }

                    continue;
                }

                foreach (var operation in @try.Body.Descendants())
                {
                    if (operation is ILocalReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Local, response)
                        && !IsHarmlessUse(reference)
                        && !IsHandedToBufferingMethod(reference))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The await of the send, also through <c>.ConfigureAwait(false)</c> (DevPilot's form, review 84).</summary>
        private static IOperation Awaited(IInvocationOperation call)
        {
            IOperation sent = call;
            if (call.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } configured
                && instance == call
                && configured.TargetMethod.ContainingType?.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
            {
                sent = configured;
            }

            return sent.Parent is IAwaitOperation await ? await : sent;
        }

        private static bool IsReturnedDirectly(IInvocationOperation call) =>
            Awaited(call).Parent is IReturnOperation;

        /// <summary>The local the awaited response is stored in (<c>var response = await ...</c>, <c>using var ...</c>).</summary>
        private static ILocalSymbol? ResponseLocal(IInvocationOperation call)
        {
            var parent = Awaited(call).Parent;
            if (parent is IConversionOperation conversion)
            {
                parent = conversion.Parent;
            }

            return parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
        }

        /// <summary><c>await ReadStreamAsync(response, ct)</c> of a project method that only buffers the body.</summary>
        private static bool IsHandedToBufferingMethod(ILocalReferenceOperation reference)
        {
            var argument = reference.Parent is IConversionOperation conversion ? conversion.Parent : reference.Parent;
            return argument is IArgumentOperation { Parent: IInvocationOperation reader }
                && reference.SemanticModel is { } model
                && BufferingProjectMethods.IsBufferingCall(reader, model.Compilation);
        }

        /// <summary>
        /// <c>await response.Content.ReadAsStringAsync(ct)</c> / <c>ReadAsByteArrayAsync</c>: the whole body read into one
        /// value before anything can be shown, as an error branch reads the error text (review 84, DevPilot's
        /// <c>var errorBody = await response.Content.ReadAsStringAsync(...)</c> beside its buffering reader).
        /// </summary>
        private static bool ReadsWholeBody(IPropertyReferenceOperation content) =>
            content.Property is { Name: "Content", ContainingType: { Name: "HttpResponseMessage" } }
            && content.Parent is IInvocationOperation { TargetMethod: { Name: "ReadAsStringAsync" or "ReadAsByteArrayAsync" } read } invocation
            && invocation.Instance == content
            && read.ContainingType is { Name: "HttpContent", ContainingNamespace: { Name: "Http", ContainingNamespace: { Name: "Net", ContainingNamespace.Name: "System" } } };

        /// <summary>Status and header reads, the whole body read into a string, disposal, <c>EnsureSuccessStatusCode</c>, returning it: nothing shown.</summary>
        private static bool IsHarmlessUse(ILocalReferenceOperation reference)
        {
            var parent = reference.Parent is IConversionOperation conversion ? conversion.Parent : reference.Parent;
            return parent switch
            {
                IPropertyReferenceOperation property when property.Instance == reference =>
                    property.Property.Name is "StatusCode" or "IsSuccessStatusCode" or "ReasonPhrase" or "Headers" or "Version"
                    || ReadsWholeBody(property),
                IInvocationOperation invocation when invocation.Instance == reference =>
                    invocation.TargetMethod.Name is "Dispose" or "EnsureSuccessStatusCode",
                IReturnOperation => true,
                ISimpleAssignmentOperation assignment when assignment.Target == reference => true,
                _ => false,
            };
        }
    }
}
