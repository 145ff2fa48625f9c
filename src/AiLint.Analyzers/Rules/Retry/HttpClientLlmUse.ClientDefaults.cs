// HttpClientLlmUse: the answer for a handler on every factory client (ConfigureHttpClientDefaults): any CreateClient, typed client or Semantic Kernel connector taking the container's client; separate because it scans every tree, while the other answers follow one client.
using System;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal sealed partial class HttpClientLlmUse
    {
        private string? ComputeAnyFactoryClient(CancellationToken cancellationToken)
        {
            if (httpClientFactory is null)
            {
                return null;
            }

            string? found = null;
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = node.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name,
                        SimpleNameSyntax simple => simple,
                        _ => null,
                    };

                    switch (name?.Identifier.ValueText)
                    {
                        case "RemoveAllResilienceHandlers":
                            return null;
                        case "CreateClient" when found is null && node.ArgumentList.Arguments.Count <= 1:
                            if (SourceBodies.GetSemanticModel(compilation, tree).GetOperation(node, cancellationToken) is IInvocationOperation create
                                && KnownRetrySymbols.IsOrInherits(ValueOrigins.Receiver(create)?.Type, httpClientFactory)
                                && CreatedClientUsedForLlm(create))
                            {
                                var clientName = create.Arguments.Length == 1 && create.Arguments[0].ArgumentKind == ArgumentKind.Explicit
                                    ? ValueOrigins.ConstantString(create.Arguments[0].Value)
                                    : null;
                                found = clientName is null ? "HttpClient" : "HttpClient \"" + clientName + "\"";
                            }

                            break;
                        case { } registration when found is null
                            && registration.StartsWith("Add", StringComparison.Ordinal)
                            && (registration.EndsWith("ChatCompletion", StringComparison.Ordinal) || registration.EndsWith("TextGeneration", StringComparison.Ordinal)):
                            if (SourceBodies.GetSemanticModel(compilation, tree).GetOperation(node, cancellationToken) is IInvocationOperation connector
                                && TakesItsHttpClientFromTheContainer(connector))
                            {
                                found = registration + "'s HttpClient";
                            }

                            break;
                        case "AddHttpClient" when found is null && name is GenericNameSyntax:
                            if (SourceBodies.GetSemanticModel(compilation, tree).GetOperation(node, cancellationToken) is IInvocationOperation { TargetMethod.TypeArguments: { Length: > 0 } arguments }
                                && TypedClientUsedForLlm(arguments[arguments.Length - 1], cancellationToken))
                            {
                                found = arguments[arguments.Length - 1].Name;
                            }

                            break;
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// A Semantic Kernel model connector registration (<c>AddOpenAIChatCompletion(modelId, apiKey)</c>,
        /// <c>AddAzureOpenAIChatCompletion(deployment, endpoint, credential)</c>) given no HttpClient and no client object:
        /// the connector then asks the container for an <c>HttpClient</c>, and <c>ConfigureHttpClientDefaults</c> has
        /// registered the factory's default client there, handler included. A kernel builder of its own
        /// (<c>Kernel.CreateBuilder()</c>) has its own container, so it counts only when the same method configures the
        /// defaults on that builder's <c>Services</c>.
        /// </summary>
        private bool TakesItsHttpClientFromTheContainer(IInvocationOperation registration)
        {
            var method = registration.TargetMethod.ReducedFrom ?? registration.TargetMethod;
            if (!method.IsExtensionMethod
                || method.ContainingNamespace?.ToDisplayString() != "Microsoft.SemanticKernel"
                || method.ContainingAssembly?.Name is not { } assembly
                || !assembly.StartsWith("Microsoft.SemanticKernel.Connectors.", StringComparison.Ordinal)
                || method.Parameters.Any(p => p.Type.Name.EndsWith("Client", StringComparison.Ordinal) && !IsHttpClient(p.Type)))
            {
                return false;
            }

            foreach (var argument in registration.Arguments)
            {
                if (IsHttpClient(argument.Parameter?.Type) && argument.ArgumentKind == ArgumentKind.Explicit
                    && !(Unwrap(argument.Value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }))
                {
                    return false;
                }
            }

            return ValueOrigins.Receiver(registration) is not { } receiver || StandaloneKernelBuilder(receiver) is not { } builder
                || ConfiguresDefaultsOn(builder, ValueOrigins.Root(registration));
        }

        // The local a `Kernel.CreateBuilder()` result is kept in, or the call itself for a fluent chain; null for a
        // builder of the app's container (services.AddKernel()) or an IServiceCollection.
        private static ISymbol? StandaloneKernelBuilder(IOperation receiver)
        {
            receiver = Unwrap(receiver);
            var local = (receiver as ILocalReferenceOperation)?.Local;
            var origin = receiver is ILocalReferenceOperation reference ? ValueOrigins.LocalValue(reference) is { } value ? Unwrap(value) : null : receiver;
            if (origin is IInvocationOperation { TargetMethod: { Name: "CreateBuilder", IsStatic: true } create }
                && create.ContainingType is { Name: "Kernel" } kernel
                && kernel.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel")
            {
                return (ISymbol?)local ?? create;
            }

            return null;
        }

        // `builder.Services.ConfigureHttpClientDefaults(...)` on the same builder local, in the same body.
        private static bool ConfiguresDefaultsOn(ISymbol builder, IOperation body) =>
            builder is ILocalSymbol local && body.Descendants().OfType<IInvocationOperation>().Any(call =>
                call.TargetMethod.Name == "ConfigureHttpClientDefaults"
                && ValueOrigins.Receiver(call) is { } services
                && Unwrap(services) is IPropertyReferenceOperation { Property.Name: "Services", Instance: ILocalReferenceOperation owner }
                && SymbolEqualityComparer.Default.Equals(owner.Local, local));
    }
}
