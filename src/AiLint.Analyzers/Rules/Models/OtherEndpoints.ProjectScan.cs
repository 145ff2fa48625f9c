using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    // The whole-project scan: the OpenAI clients the project builds for another server, read once per compilation.
    internal static partial class OtherEndpoints
    {
        /// <summary>
        /// The project's OpenAI clients for another server: <c>new OpenAIClient(credential, new OpenAIClientOptions {
        /// Endpoint = ... })</c> in a DI registration or a factory, or Semantic Kernel's OpenAI connector registered with
        /// another endpoint, or an <c>AzureOpenAIClient</c> (its ids are deployment names); followed to where the code
        /// hands them out (<see cref="RedirectedClients"/>). Only files that name <c>OpenAIClientOptions</c>, an
        /// <c>Endpoint</c>, <c>AzureOpenAIClient</c> or a <c>*ChatCompletion</c> registration are bound.
        /// </summary>
        public static RedirectedClients ProjectCreatesClientElsewhere(Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            if (symbols.OpenAIClientOptions == null)
            {
                return RedirectedClients.None;
            }

            var found = new List<IOperation>();
            var azure = new List<IOperation>();
            var aspire = symbols.AspireRegistrations;
            var aspireAzureOnly = false;
            var aspireMayBeOpenAI = false;
            foreach (var tree in compilation.SyntaxTrees)
            {
                var root = tree.GetRoot(cancellationToken);
                if (!root.DescendantTokens().Any(token => token.ValueText is "OpenAIClientOptions" or "Endpoint" or "AzureOpenAIClient"
                    || token.ValueText.EndsWith("ChatCompletion", StringComparison.Ordinal)
                    || (aspire.Any && AspireOpenAIRegistrations.MayBeRegistration(token.ValueText))))
                {
                    continue;
                }

                var model = SourceBodies.GetSemanticModel(compilation, tree);
                foreach (var node in root.DescendantNodes())
                {
                    switch (node)
                    {
                        case BaseObjectCreationExpressionSyntax
                                when model.GetOperation(node, cancellationToken) is IObjectCreationOperation creation
                                && symbols.IsOpenAIClientType(creation.Type)
                                && ArgumentsSendElsewhere(creation.Arguments, symbols, cancellationToken, depth: 1, inScan: true):
                            found.Add(creation);
                            break;
                        case BaseObjectCreationExpressionSyntax
                                when model.GetOperation(node, cancellationToken) is IObjectCreationOperation creation
                                && symbols.IsAzureClient(creation.Type):
                            // services.AddSingleton<OpenAIClient>(sp => new AzureOpenAIClient(endpoint, credential)) (eShop):
                            // every client taken from the container then sends deployment names, whatever its type says.
                            azure.Add(creation);
                            break;
                        case InvocationExpressionSyntax
                                when model.GetOperation(node, cancellationToken) is IInvocationOperation registration
                                && KnownModelSymbols.IsChatCompletionRegistration(registration.TargetMethod)
                                && ArgumentsSendElsewhere(registration.Arguments, symbols, cancellationToken, depth: 1, inScan: true):
                            // builder.AddOpenAIChatCompletion("llama3", new Uri("http://localhost:11434/v1"), null)
                            found.Add(registration);
                            break;
                        case InvocationExpressionSyntax { Expression: var called }
                                when aspire.Any && AspireOpenAIRegistrations.MayBeRegistration(CalledName(called))
                                && model.GetOperation(node, cancellationToken) is IInvocationOperation registration:
                            // builder.AddAzureOpenAIClient("openai") (Aspire.Azure.AI.OpenAI): an Azure client handed out
                            // as OpenAIClient, unless the project also registers Aspire's OpenAI client.
                            switch (aspire.Classify(registration.TargetMethod))
                            {
                                case AspireOpenAIRegistrations.Registration.AzureOnly:
                                    aspireAzureOnly = true;
                                    break;
                                case AspireOpenAIRegistrations.Registration.MayBeOpenAI:
                                    aspireMayBeOpenAI = true;
                                    break;
                            }

                            break;
                    }
                }
            }

            var registeredAzure = aspireAzureOnly && !aspireMayBeOpenAI && symbols.OpenAIClient != null
                ? new ITypeSymbol[] { symbols.OpenAIClient }
                : Array.Empty<ITypeSymbol>();
            return RedirectedClients.Follow(found, azure, registeredAzure, symbols, compilation, cancellationToken);
        }

        private static string CalledName(ExpressionSyntax called) => called switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax name => name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => string.Empty,
        };
    }
}
