using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Model slots of the OpenAI SDK or Semantic Kernel's OpenAI connector that send the id to a server other than
    /// OpenAI's: LM Studio, Ollama's <c>/v1</c>, Groq, OpenRouter, DeepSeek, vLLM. Apps point the client there with
    /// <c>OpenAIClientOptions.Endpoint</c> (or a custom <c>Transport</c>), Semantic Kernel's <c>endpoint</c>
    /// <c>Uri</c>, or an <c>HttpClient</c> whose base address or handler redirects the requests. The model name then
    /// belongs to that server, which keeps its own models and dates ("gpt-4" may be a local model's alias), so the
    /// OpenAI table does not apply. Where the code does not show what the options or the HTTP client hold (a parameter,
    /// a field, a factory), the slot is taken as elsewhere: a miss costs less than a failed build.
    /// </summary>
    internal static class OtherEndpoints
    {
        // Properties that move OpenAI requests to another server: the base URL, or the transport that sends them.
        private static readonly string[] RedirectingOptions = { "Endpoint", "Transport" };

        private static readonly string[] RedirectingHttpClient = { "BaseAddress" };

        /// <summary>Whether the call's model argument goes to a server other than OpenAI's, through the call's own arguments or its receiver.</summary>
        public static bool SendsElsewhere(IOperation call, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            switch (call)
            {
                case IInvocationOperation invocation:
                    return (invocation.Instance != null && ClientElsewhere(invocation.Instance, symbols, cancellationToken, depth: 0))
                        || ArgumentsSendElsewhere(invocation.Arguments, symbols, cancellationToken, depth: 0);
                case IObjectCreationOperation creation:
                    return ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth: 0);
                default:
                    return false;
            }
        }

        private static bool ArgumentsSendElsewhere(IEnumerable<IArgumentOperation> arguments, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter?.Type is not { } type)
                {
                    continue;
                }

                var value = ModelIdValue.Unwrap(argument.Value);
                if (IsNull(value))
                {
                    continue;
                }

                if (symbols.IsOpenAIClientOptions(type))
                {
                    if (Redirects(value, RedirectingOptions, cancellationToken, argumentsRedirect: false))
                    {
                        return true;
                    }
                }
                else if (symbols.IsHttpClient(type))
                {
                    // `new HttpClient()` alone talks to whatever the SDK asks; a handler or a base address may redirect.
                    if (Redirects(value, RedirectingHttpClient, cancellationToken, argumentsRedirect: true))
                    {
                        return true;
                    }
                }
                else if (type.SpecialType == SpecialType.None && type.Name == "Uri" && type.ContainingNamespace?.ToDisplayString() == "System")
                {
                    // Semantic Kernel's AddOpenAIChatCompletion(modelId, endpoint, apiKey): any endpoint but OpenAI's own.
                    if (!IsOpenAIUrl(value))
                    {
                        return true;
                    }
                }
                else if (symbols.IsOpenAIClientType(type) && ClientElsewhere(value, symbols, cancellationToken, depth))
                {
                    // Semantic Kernel's AddOpenAIChatCompletion(modelId, openAIClient); MEAI's client.AsChatClient(modelId).
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether a client of the OpenAI SDK was created for another server: created here with such options, or held
        /// in a local or field that the code writes with one (any write, any branch). Parameters and properties are
        /// taken as OpenAI's: the code does not show them.
        /// </summary>
        private static bool ClientElsewhere(IOperation client, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth)
        {
            client = ModelIdValue.Unwrap(client);
            if (depth > 3 || !symbols.IsOpenAIClientType(client.Type))
            {
                return false;
            }

            switch (client)
            {
                case IObjectCreationOperation creation:
                    return ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1);
                case IInvocationOperation invocation:
                    // openAIClient.GetChatClient("x") as the receiver of AsIChatClient(): the client it was got from.
                    return invocation.Instance != null && ClientElsewhere(invocation.Instance, symbols, cancellationToken, depth + 1);
                case ILocalReferenceOperation { Local: var local } when client.SemanticModel?.Compilation is { } compilation:
                    return WrittenValues.Of(local, compilation, cancellationToken).Any(written => CreatesElsewhere(written, symbols, cancellationToken, depth));
                case IFieldReferenceOperation { Field: var field } when client.SemanticModel?.Compilation is { } compilation:
                    return WrittenValues.Of(field, compilation, cancellationToken).Any(written => CreatesElsewhere(written, symbols, cancellationToken, depth));
                default:
                    return false;
            }
        }

        private static bool CreatesElsewhere(IOperation written, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth) =>
            written.DescendantsAndSelf().Any(operation =>
                operation is IObjectCreationOperation creation
                && symbols.IsOpenAIClientType(creation.Type)
                && ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth + 1));

        /// <summary>
        /// Whether an options object (or HTTP client) sets one of <paramref name="properties"/> to anything but OpenAI's
        /// own URL: in its initializer, or, for a local, in any write of the local or any assignment to
        /// <c>local.Property</c> in its member. A value the code does not build in view (a parameter, a field, a call) may
        /// hold anything: it counts as redirecting. With <paramref name="argumentsRedirect"/>, a constructor argument
        /// does too (<c>new HttpClient(handler)</c>: the handler may rewrite the URL).
        /// </summary>
        private static bool Redirects(IOperation value, string[] properties, CancellationToken cancellationToken, bool argumentsRedirect)
        {
            value = ModelIdValue.Unwrap(value);
            switch (value)
            {
                case IObjectCreationOperation creation:
                    return (argumentsRedirect && !creation.Arguments.IsEmpty) || InitializerRedirects(creation, properties);
                case ILocalReferenceOperation { Local: var local } when value.SemanticModel?.Compilation is { } compilation:
                    foreach (var written in WrittenValues.Of(local, compilation, cancellationToken))
                    {
                        if (ModelIdValue.Unwrap(written) is not IObjectCreationOperation creation
                            || (argumentsRedirect && !creation.Arguments.IsEmpty)
                            || InitializerRedirects(creation, properties))
                        {
                            return true;
                        }
                    }

                    return AssignsMember(local, properties, value.SemanticModel, cancellationToken);
                default:
                    return true;
            }
        }

        private static bool InitializerRedirects(IObjectCreationOperation creation, string[] properties)
        {
            if (creation.Initializer == null)
            {
                return false;
            }

            foreach (var member in creation.Initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } assignment
                    && Array.IndexOf(properties, name) >= 0
                    && !IsNull(ModelIdValue.Unwrap(assignment.Value))
                    && !(name == "Endpoint" && IsOpenAIUrl(ModelIdValue.Unwrap(assignment.Value))))
                {
                    return true;
                }
            }

            return false;
        }

        // `options.Endpoint = new Uri(baseUrl);` in the local's member (by name; OpenAI's own URL does not count).
        private static bool AssignsMember(ILocalSymbol local, string[] properties, SemanticModel? model, CancellationToken cancellationToken)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                var declarator = reference.GetSyntax(cancellationToken);
                var scope = declarator.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax && a is not GlobalStatementSyntax)
                    ?? declarator.SyntaxTree.GetRoot(cancellationToken);
                foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (assignment.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name: var member }
                        && target.Identifier.ValueText == local.Name
                        && Array.IndexOf(properties, member.Identifier.ValueText) >= 0
                        && !(member.Identifier.ValueText == "Endpoint" && model != null && model.SyntaxTree == assignment.SyntaxTree
                            && model.GetOperation(assignment.Right, cancellationToken) is { } right && IsOpenAIUrl(ModelIdValue.Unwrap(right))))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // new Uri("https://api.openai.com/v1") or the string itself: OpenAI's own server.
        private static bool IsOpenAIUrl(IOperation value)
        {
            if (value is IObjectCreationOperation { Arguments.Length: 1 } uri)
            {
                value = ModelIdValue.Unwrap(uri.Arguments[0].Value);
            }

            return value.ConstantValue is { HasValue: true, Value: string url }
                && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
                && string.Equals(parsed.Host, "api.openai.com", StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsNull(IOperation value) =>
            (value.ConstantValue.HasValue && value.ConstantValue.Value == null) || value is IDefaultValueOperation;
    }
}
