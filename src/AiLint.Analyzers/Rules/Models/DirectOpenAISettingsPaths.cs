using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The settings key paths whose value the code hands as the model to an OpenAI client created without options:
    /// <c>new ChatClient(ai.Model, apiKey)</c>, <c>new OpenAIClient(key).GetChatClient(ai.Model)</c> (the client or the model
    /// also through a local assigned once). Such a client talks to
    /// OpenAI's own API whatever the settings file around the key says (no URL key in the section, an Azure OpenAI endpoint
    /// elsewhere in the file), so <see cref="ConfigurationModelIds"/> checks that key's OpenAI id where its file or
    /// section would otherwise make it a deployment name or another server's model. The key of the value comes from the
    /// one shared reading (<see cref="BoundOptionsKeyPaths.KeyPathOf"/>: a configuration read, a property of a settings
    /// object bound to a known section). A client given options (an endpoint may be among them) or built by Azure's
    /// <c>AzureOpenAIClient</c> proves nothing. Found once per compilation, only when a settings file asks (files that spell
    /// <c>ChatClient</c> or <c>GetChatClient</c>).
    /// </summary>
    internal static class DirectOpenAISettingsPaths
    {
        private static readonly string[] ClientNames = { "ChatClient", "GetChatClient" };

        /// <summary>The key paths (case-insensitive, as configuration matches keys) handed to an OpenAI client without options.</summary>
        public static HashSet<string> Find(Compilation compilation, CancellationToken cancellationToken)
        {
            var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var chatClient = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatClient");
            var rootClient = compilation.GetTypeByMetadataName("OpenAI.OpenAIClient");
            var clientOptions = compilation.GetTypeByMetadataName("OpenAI.OpenAIClientOptions");
            if (chatClient == null || rootClient == null)
            {
                return paths;
            }

            var keyPaths = BoundOptionsKeyPaths.For(compilation);
            var spelling = FileWords.For(compilation).Spelling(ClientNames);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!spelling.Contains(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    var model = node switch
                    {
                        BaseObjectCreationExpressionSyntax creationSyntax when MayCreateChatClient(creationSyntax) => SourceBodies.GetOperation(node, compilation, cancellationToken) is IObjectCreationOperation creation
                            && Is(creation.Constructor?.ContainingType, chatClient) && WithoutOptions(creation.Arguments, clientOptions)
                                ? ModelArgument(creation.Arguments)
                                : null,
                        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetChatClient" } } =>
                            SourceBodies.GetOperation(node, compilation, cancellationToken) is IInvocationOperation { Instance: { } instance } call
                            && Is(call.TargetMethod.ContainingType, rootClient)
                            && keyPaths.Followed(instance, cancellationToken) is IObjectCreationOperation root
                            && Is(root.Type, rootClient) && WithoutOptions(root.Arguments, clientOptions)
                                ? ModelArgument(call.Arguments)
                                : null,
                        _ => null,
                    };

                    if (model != null && keyPaths.KeyPathOf(model, cancellationToken) is { Length: > 0 } path)
                    {
                        paths.Add(path);
                    }
                }
            }

            return paths;
        }

        // new ChatClient(...), new OpenAI.Chat.ChatClient(...) or a target-typed new(...), by syntax: no other creation is bound.
        private static bool MayCreateChatClient(BaseObjectCreationExpressionSyntax creation) => creation switch
        {
            ImplicitObjectCreationExpressionSyntax => true,
            ObjectCreationExpressionSyntax { Type: QualifiedNameSyntax { Right.Identifier.ValueText: "ChatClient" } } => true,
            ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "ChatClient" } } => true,
            _ => false,
        };

        // The client's own type (OpenAIClient, not Azure's AzureOpenAIClient that derives from it).
        private static bool Is(ITypeSymbol? type, INamedTypeSymbol known) => SymbolEqualityComparer.Default.Equals(type, known);

        // No OpenAIClientOptions given, or null given for them: the client's endpoint is OpenAI's own.
        private static bool WithoutOptions(IEnumerable<IArgumentOperation> arguments, INamedTypeSymbol? clientOptions) =>
            arguments.All(argument => argument.ArgumentKind == ArgumentKind.DefaultValue
                || !SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, clientOptions)
                || argument.Value.ConstantValue is { HasValue: true, Value: null });

        private static IOperation? ModelArgument(IEnumerable<IArgumentOperation> arguments) =>
            arguments.FirstOrDefault(argument => argument.Parameter is { Name: "model", Type.SpecialType: SpecialType.System_String })?.Value;
    }
}
