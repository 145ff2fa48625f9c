using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// How the code builds a RestSharp <c>RestRequest</c> a send is given: its resource and method (constructor arguments,
    /// initializer, or assignments to the local holding it) and its body (the one <c>AddJsonBody</c>/<c>AddBody</c>/
    /// <c>AddStringBody</c> value in its creating chain, or called on the local). Two bodies, or a request the code does not
    /// create in view, leave the part unknown.
    /// </summary>
    internal sealed partial class RawHttpLlmCalls
    {
        private sealed class RestRequestRead
        {
            public IOperation? Resource;
            public IOperation? Method;
            public IOperation? Body;
            public int Bodies;

            public void AddBody(IOperation? body)
            {
                Body = body;
                Bodies++;
            }
        }

        // One reading per request a send is given: the URL, the verb and the body of the same send each ask for it, and
        // a request held in a local is read with a walk of the whole body that declares it (ReadLocalWrites). Keyed by
        // the operation (the send's argument), so every question about the same send, in this instance's compilation,
        // finds it; null (a request not created in view) is kept too.
        private readonly ConcurrentDictionary<IOperation, RestRequestRead?> restRequests = new ConcurrentDictionary<IOperation, RestRequestRead?>();

        /// <summary>The resource, method and body of the request <paramref name="request"/> is, or null when the code does not create it in view.</summary>
        private RestRequestRead? ReadRestRequest(IOperation request, CancellationToken cancellationToken)
        {
            if (restRequests.TryGetValue(request, out var known))
            {
                return known;
            }

            var read = ReadRestRequestOnce(request, cancellationToken);
            return restRequests.GetOrAdd(request, read);
        }

        private RestRequestRead? ReadRestRequestOnce(IOperation request, CancellationToken cancellationToken)
        {
            var read = new RestRequestRead();
            ILocalSymbol? holder = null;
            var current = request;
            for (var depth = 0; depth <= MaxDepth; depth++)
            {
                current = OperationValues.Unwrap(current);
                if (current is ILocalReferenceOperation local && holder is null)
                {
                    holder = local.Local;
                }

                current = OperationValues.Trace(current, compilation, cancellationToken);
                switch (current)
                {
                    case IObjectCreationOperation creation when Same(creation.Type?.OriginalDefinition, restSharp.Request):
                        read.Resource ??= CreationValue(creation, "resource", "Resource");
                        read.Method ??= CreationValue(creation, "method", "Method");
                        if (holder is not null)
                        {
                            ReadLocalWrites(holder, request, read);
                        }

                        if (read.Bodies > 1)
                        {
                            read.Body = null;
                        }

                        return read;

                    case IInvocationOperation step when IsRequestBuilder(step.TargetMethod) && OperationValues.Receiver(step) is { } receiver:
                        if (IsBodyMethod(step.TargetMethod))
                        {
                            read.AddBody(BodyArgument(step, receiver));
                        }

                        current = receiver;
                        continue;

                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The body calls on the local holding the request (<c>request.AddJsonBody(body);</c>, also at the end of a chain
        /// of other builder calls on it) and assignments of its <c>Method</c> and <c>Resource</c>, in the body it lives in.
        /// </summary>
        private void ReadLocalWrites(ILocalSymbol holder, IOperation site, RestRequestRead read)
        {
            var root = site;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation call when IsBodyMethod(call.TargetMethod) && OperationValues.Receiver(call) is { } receiver
                        && ChainReachesLocal(receiver, holder):
                        read.AddBody(BodyArgument(call, receiver));
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } target } assignment
                        when OperationValues.Unwrap(instance) is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, holder):
                        if (target.Property.Name == "Method")
                        {
                            read.Method = assignment.Value;
                        }
                        else if (target.Property.Name == "Resource")
                        {
                            read.Resource = assignment.Value;
                        }

                        break;
                }
            }
        }

        /// <summary>Whether a receiver is the local, directly or through builder calls on it (<c>request.AddHeader(...).AddJsonBody(body)</c>).</summary>
        private bool ChainReachesLocal(IOperation receiver, ILocalSymbol holder)
        {
            for (var depth = 0; depth <= MaxDepth; depth++)
            {
                receiver = OperationValues.Unwrap(receiver);
                if (receiver is ILocalReferenceOperation local)
                {
                    return SymbolEqualityComparer.Default.Equals(local.Local, holder);
                }

                if (receiver is not IInvocationOperation step || !IsRequestBuilder(step.TargetMethod) || OperationValues.Receiver(step) is not { } next)
                {
                    return false;
                }

                receiver = next;
            }

            return false;
        }

        /// <summary>A RestSharp call that returns the request it is called on (<c>AddHeader</c>, <c>AddJsonBody</c>, <c>AddParameter</c> ...).</summary>
        private bool IsRequestBuilder(IMethodSymbol method)
        {
            var type = (method.ReducedFrom ?? method).ContainingType?.OriginalDefinition;
            return Same(method.ReturnType.OriginalDefinition, restSharp.Request)
                && (InTypeOrItsExtensionBlock(type, restSharp.RequestExtensions) || Same(type, restSharp.Request));
        }

        private bool IsBodyMethod(IMethodSymbol method) =>
            method.Name is ("AddJsonBody" or "AddBody" or "AddStringBody") && IsRequestBuilder(method);

        /// <summary>The value a body call adds: its first argument after the request.</summary>
        private static IOperation? BodyArgument(IInvocationOperation call, IOperation receiver)
        {
            foreach (var argument in call.Arguments)
            {
                if (!ReferenceEquals(argument.Value, receiver) && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    // AddJsonBody(json, forceSerialize: true) sends the text as a JSON string, not as the object it spells.
                    return call.TargetMethod.Name == "AddJsonBody" && OperationValues.Argument(call, "forceSerialize") is { ConstantValue: { HasValue: true, Value: true } }
                        ? null
                        : argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether a body operand is sent as text (Flurl's <c>PostStringAsync</c>, RestSharp's <c>AddStringBody</c>, or a
        /// string given to <c>AddJsonBody</c>/<c>AddBody</c>): then JSON text in it is read as a <c>StringContent</c>'s is.
        /// </summary>
        internal static bool SentAsText(IOperation body, Compilation compilation)
        {
            if (body.Parent is not IArgumentOperation { Parent: IInvocationOperation call }
                || OperationValues.Unwrap(body).Type?.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (method.Name is "PostStringAsync" or "SendStringAsync")
            {
                return Same(type, KnownFlurlSymbols.For(compilation).HttpExtensions);
            }

            var rest = KnownRestSharpSymbols.For(compilation).RequestExtensions;
            return method.Name is "AddStringBody" or "AddJsonBody" or "AddBody" && InTypeOrItsExtensionBlock(type, rest);
        }
    }
}
