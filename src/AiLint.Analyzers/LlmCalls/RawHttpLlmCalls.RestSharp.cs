using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Raw HTTP LLM calls sent with RestSharp: <c>client.ExecutePostAsync(request)</c>, <c>PostAsync(request)</c>,
    /// <c>ExecuteAsync(request)</c> of a request created with <c>Method.Post</c> (or <c>ExecuteAsync(request, Method.Post)</c>),
    /// and <c>PostJsonAsync(resource, body)</c>, where the client is a visibly created <c>new RestClient(baseUrl)</c> or
    /// <c>new RestClient(new RestClientOptions(baseUrl))</c>. The URL is the client's base URL with the request's resource
    /// appended (an absolute resource replaces it; a base the code does not show is a hole, so the resource must then name
    /// the endpoint, as a relative <c>HttpClient</c> URI does), classified as an <c>HttpClient</c> URL is. The body is the
    /// one <c>AddJsonBody</c>/<c>AddBody</c>/<c>AddStringBody</c> value the request visibly gets (in its creating chain or
    /// on the local holding it), read as the HttpClient POST body is (text passed as a string body is read as JSON text).
    /// A request the code does not build in view (a parameter, a factory) leaves the call unrecognised; a GET stays quiet.
    /// </summary>
    internal sealed partial class RawHttpLlmCalls
    {
        private readonly KnownRestSharpSymbols restSharp;

        /// <summary>On the method alone: a RestSharp send that may be a POST (<c>IRestClient.ExecuteAsync</c> or a client extension).</summary>
        public bool IsRestSharpSend(IMethodSymbol method)
        {
            if (!restSharp.IsAvailable || method.Name is not ("ExecuteAsync" or "Execute" or "ExecutePostAsync" or "ExecutePost"
                or "PostAsync" or "Post" or "PostJsonAsync" or "PostJson"))
            {
                return false;
            }

            var type = (method.ReducedFrom ?? method).ContainingType?.OriginalDefinition;
            return InTypeOrItsExtensionBlock(type, restSharp.ClientExtensions)
                || (method.Name is "ExecuteAsync" && (Same(type, restSharp.ClientInterface) || Same(type, restSharp.Client)));
        }

        /// <summary>The URL operand of a RestSharp send: the send itself (its text joins the client's base and the request's resource), when visibly a POST.</summary>
        private IOperation? RestSharpUrlOperand(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var name = invocation.TargetMethod.Name;
            if (name.StartsWith("PostJson", System.StringComparison.Ordinal) || name.StartsWith("ExecutePost", System.StringComparison.Ordinal)
                || name.StartsWith("Post", System.StringComparison.Ordinal))
            {
                return invocation;
            }

            // ExecuteAsync(request, Method.Post), or ExecuteAsync(request) of a request created as a POST.
            var verb = OperationValues.Argument(invocation, "httpMethod")
                ?? (RestSharpArgument(invocation, "request") is { } request ? ReadRestRequest(request, cancellationToken)?.Method : null);
            return verb is not null && IsRestSharpPost(verb, cancellationToken) ? invocation : null;
        }

        /// <summary>The body a RestSharp send posts: <c>PostJsonAsync</c>'s value, or the one body the request is given.</summary>
        private IOperation? RestSharpBodyOperand(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (invocation.TargetMethod.Name.StartsWith("PostJson", System.StringComparison.Ordinal))
            {
                return RestSharpArgument(invocation, "request");
            }

            return RestSharpArgument(invocation, "request") is { } request ? ReadRestRequest(request, cancellationToken)?.Body : null;
        }

        /// <summary>The URL text of a RestSharp send (<see cref="RestSharpUrlOperand"/>): true when <paramref name="operation"/> is one.</summary>
        private bool TryRestSharpUrlText(IOperation operation, int depth, IOperation site, CancellationToken cancellationToken, out string? text)
        {
            text = null;
            if (operation is not IInvocationOperation send || !IsRestSharpSend(send.TargetMethod))
            {
                return false;
            }

            IOperation? resource;
            if (send.TargetMethod.Name.StartsWith("PostJson", System.StringComparison.Ordinal))
            {
                resource = OperationValues.Argument(send, "resource");
            }
            else if (RestSharpArgument(send, "request") is { } request && ReadRestRequest(request, cancellationToken) is { } read)
            {
                resource = read.Resource;
            }
            else
            {
                return true; // a request the code does not build in view: no URL
            }

            var path = resource is null ? "" : UrlText(resource, depth + 1, site, cancellationToken);
            if (path is null)
            {
                return true;
            }

            if (path.StartsWith("http://", System.StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", System.StringComparison.OrdinalIgnoreCase))
            {
                text = path;
                return true;
            }

            var baseUrl = RestClientBaseUrl(OperationValues.Receiver(send), depth, site, cancellationToken);
            text = path.Length == 0 ? baseUrl : Append(baseUrl ?? LlmEndpoints.Hole.ToString(), new[] { path });
            return true;
        }

        /// <summary>The base URL of a visibly created <c>new RestClient(url)</c> or <c>new RestClient(new RestClientOptions(url))</c>; null otherwise.</summary>
        private string? RestClientBaseUrl(IOperation? client, int depth, IOperation site, CancellationToken cancellationToken)
        {
            if (client is null || OperationValues.Trace(client, compilation, cancellationToken) is not IObjectCreationOperation created
                || !Same(created.Type?.OriginalDefinition, restSharp.Client))
            {
                return null;
            }

            foreach (var argument in created.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String || IsUri(argument.Parameter?.Type))
                {
                    return UrlText(argument.Value, depth + 1, site, cancellationToken);
                }

                if (Same(argument.Parameter?.Type.OriginalDefinition, restSharp.Options)
                    && OperationValues.Trace(argument.Value, compilation, cancellationToken) is IObjectCreationOperation options
                    && Same(options.Type?.OriginalDefinition, restSharp.Options))
                {
                    var baseUrl = CreationValue(options, "baseUrl", "BaseUrl");
                    return baseUrl is null ? null : UrlText(baseUrl, depth + 1, site, cancellationToken);
                }
            }

            return null;
        }

        /// <summary>
        /// Whether a member's containing type is <paramref name="declaring"/> or an extension block of it: a member of a
        /// C# 14 <c>extension(...)</c> block has the block, a type nested in the static class, as its containing type,
        /// so either way of declaring RestSharp's extensions is recognised.
        /// </summary>
        private static bool InTypeOrItsExtensionBlock(INamedTypeSymbol? type, INamedTypeSymbol? declaring) =>
            Same(type, declaring) || Same(type?.ContainingType, declaring);

        /// <summary>The argument of a RestSharp send bound to <paramref name="name"/> (the unreduced extension's parameter names).</summary>
        private static IOperation? RestSharpArgument(IInvocationOperation invocation, string name) => OperationValues.Argument(invocation, name);

        private bool IsRestSharpPost(IOperation verb, CancellationToken cancellationToken) =>
            OperationValues.Trace(verb, compilation, cancellationToken) is IFieldReferenceOperation { Field: { Name: "Post" } field }
            && Same(field.ContainingType?.OriginalDefinition, restSharp.Method);

        /// <summary>A constructor argument (by parameter name) or initializer value (by property name) of a creation; the initializer wins.</summary>
        private static IOperation? CreationValue(IObjectCreationOperation creation, string parameter, string property)
        {
            IOperation? value = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == parameter && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    value = argument.Value;
                }
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (var assignment in initializer.Initializers)
                {
                    if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } set && target.Property.Name == property)
                    {
                        value = set.Value;
                    }
                }
            }

            return value;
        }
    }
}
