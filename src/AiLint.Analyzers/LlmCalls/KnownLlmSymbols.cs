using System;
using System.Linq;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The SDK types whose methods are LLM entry points, resolved once per compilation. Types the compilation does not
    /// reference are simply absent. Method names as the packages' assemblies declare them (see docs/rules/AIL0001.md).
    /// </summary>
    internal sealed class KnownLlmSymbols
    {
        private const LlmCallKind Gen = LlmCallKind.Generation;
        private const LlmCallKind Stream = LlmCallKind.Streaming;

        private readonly Dictionary<INamedTypeSymbol, Entry> entries = new(SymbolEqualityComparer.Default);

        private KnownLlmSymbols(Compilation compilation)
        {
            // Microsoft.Extensions.AI: the interface; ChatClientExtensions and DelegatingChatClient are matched through it
            // (extension methods by their `this` parameter, DelegatingChatClient as an implementation).
            Add(compilation, "Microsoft.Extensions.AI.IChatClient", LlmSdk.MicrosoftExtensionsAI, ("GetResponseAsync", Gen), ("GetStreamingResponseAsync", Stream));

            // OpenAI 2.x: every overload, the protocol (BinaryContent, RequestOptions) ones included.
            Add(compilation, "OpenAI.Chat.ChatClient", LlmSdk.OpenAI, ("CompleteChat", Gen), ("CompleteChatAsync", Gen), ("CompleteChatStreaming", Stream), ("CompleteChatStreamingAsync", Stream));
            Add(compilation, "OpenAI.Responses.ResponsesClient", LlmSdk.OpenAI, ("CreateResponse", Gen), ("CreateResponseAsync", Gen), ("CreateResponseStreaming", Stream), ("CreateResponseStreamingAsync", Stream));

            // Anthropic: the Messages service (and its raw-response twin), stable and Beta. MessageServiceExtensions.Create<T>
            // is matched through its `this IMessageService` parameter.
            foreach (var name in new[]
            {
                "Anthropic.Services.IMessageService",
                "Anthropic.Services.IMessageServiceWithRawResponse",
                "Anthropic.Services.Beta.IMessageService",
                "Anthropic.Services.Beta.IMessageServiceWithRawResponse",
            })
            {
                Add(compilation, name, LlmSdk.Anthropic, ("Create", Gen), ("CreateStreaming", Stream));
            }

            // Microsoft.Extensions.AI.Abstractions 9.x named the two calls CompleteAsync / CompleteStreamingAsync (renamed in
            // 9.3); projects still on those versions call them. Absent names cost nothing.
            AddMethods(compilation, "Microsoft.Extensions.AI.IChatClient", ("CompleteAsync", Gen), ("CompleteStreamingAsync", Stream));

            // Semantic Kernel: the chat and text services (interfaces, their extension methods by `this`, and the
            // connectors as implementations) and the prompt helpers on Kernel (KernelExtensions.InvokePrompt*). Kernel.InvokeAsync
            // and KernelFunction.InvokeAsync run any function, native C# ones too: see PromptFunctionCalls.
            Add(compilation, "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService", LlmSdk.SemanticKernel, ("GetChatMessageContentsAsync", Gen), ("GetChatMessageContentAsync", Gen), ("GetStreamingChatMessageContentsAsync", Stream), ("GetStreamingChatMessageContentAsync", Stream));
            Add(compilation, "Microsoft.SemanticKernel.TextGeneration.ITextGenerationService", LlmSdk.SemanticKernel, ("GetTextContentsAsync", Gen), ("GetTextContentAsync", Gen), ("GetStreamingTextContentsAsync", Stream), ("GetStreamingTextContentAsync", Stream));
            Add(compilation, "Microsoft.SemanticKernel.Kernel", LlmSdk.SemanticKernel, ("InvokePromptAsync", Gen), ("InvokePromptStreamingAsync", Stream));

            // Microsoft Agent Framework: AIAgent.RunAsync/RunStreamingAsync (every overload, RunAsync<T> included) are
            // non-virtual and call RunCoreAsync/RunCoreStreamingAsync, which agents override (base calls in delegating
            // agents are calls too). ChatClientAgent declares its own overloads taking ChatClientAgentRunOptions.
            Add(compilation, "Microsoft.Agents.AI.AIAgent", LlmSdk.AgentFramework, ("RunAsync", Gen), ("RunStreamingAsync", Stream), ("RunCoreAsync", Gen), ("RunCoreStreamingAsync", Stream));
            Add(compilation, "Microsoft.Agents.AI.ChatClientAgent", LlmSdk.AgentFramework, ("RunAsync", Gen), ("RunStreamingAsync", Stream));

            // OllamaSharp: chat and generate always answer as an IAsyncEnumerable of chunks (IOllamaApiClient, its
            // implementation OllamaApiClient, the GenerateAsync(string prompt) extension by `this`, and the Chat helper).
            // Its IChatClient implementation is matched through IChatClient.
            Add(compilation, "OllamaSharp.IOllamaApiClient", LlmSdk.Ollama, ("ChatAsync", Stream), ("GenerateAsync", Stream));
            Add(compilation, "OllamaSharp.Chat", LlmSdk.Ollama, ("SendAsync", Stream), ("SendAsAsync", Stream));

            // Pre-2.0 and community SDKs 2023-2024 apps still call the model through (docs/design/sdk-facts.md A).
            // Azure.AI.OpenAI 1.0.0-beta: OpenAIClient's chat and legacy completions calls (the first argument names the
            // deployment). Its streaming calls answer a Response<StreamingChatCompletions> read with GetChoicesStreaming.
            Add(compilation, "Azure.AI.OpenAI.OpenAIClient", LlmSdk.AzureOpenAIBeta, ("GetChatCompletions", Gen), ("GetChatCompletionsAsync", Gen), ("GetCompletions", Gen), ("GetCompletionsAsync", Gen), ("GetChatCompletionsStreaming", Stream), ("GetChatCompletionsStreamingAsync", Stream), ("GetCompletionsStreaming", Stream), ("GetCompletionsStreamingAsync", Stream));

            // Azure.AI.Inference: ChatCompletionsClient (the protocol overloads taking RequestContent included).
            Add(compilation, "Azure.AI.Inference.ChatCompletionsClient", LlmSdk.AzureAIInference, ("Complete", Gen), ("CompleteAsync", Gen), ("CompleteStreaming", Stream), ("CompleteStreamingAsync", Stream));

            // Betalgo.Ranul.OpenAI: the chat and legacy completion services OpenAIService hands out (and implements, matched
            // as an implementation); the IChatCompletionServiceExtension/ICompletionServiceExtension Create helpers by `this`.
            // Failures come back as a result with Successful == false, not as exceptions (see AIL0001's result loops).
            foreach (var name in new[] { "Betalgo.Ranul.OpenAI.Interfaces.IChatCompletionService", "Betalgo.Ranul.OpenAI.Interfaces.ICompletionService" })
            {
                Add(compilation, name, LlmSdk.Betalgo, ("CreateCompletion", Gen), ("Create", Gen), ("CreateCompletionAsStream", Stream));
            }

            // OpenAI 1.x (OkGoDoIt's OpenAI_API assembly, not the official 2.x library): the chat endpoint, the Conversation
            // helper and the legacy completions endpoint. Stream*Async take a callback per token; Stream*EnumerableAsync
            // answer an async stream. Both show tokens while the call runs.
            foreach (var name in new[] { "OpenAI_API.Chat.IChatEndpoint", "OpenAI_API.Chat.ChatEndpoint" })
            {
                Add(compilation, name, LlmSdk.OpenAIApi, ("CreateChatCompletionAsync", Gen), ("StreamChatAsync", Stream), ("StreamChatEnumerableAsync", Stream), ("StreamCompletionAsync", Stream));
            }

            Add(compilation, "OpenAI_API.Chat.Conversation", LlmSdk.OpenAIApi, ("GetResponseFromChatbotAsync", Gen), ("GetResponseFromChatbot", Gen), ("StreamResponseFromChatbotAsync", Stream), ("StreamResponseEnumerableFromChatbotAsync", Stream));
            foreach (var name in new[] { "OpenAI_API.Completions.ICompletionEndpoint", "OpenAI_API.Completions.CompletionEndpoint" })
            {
                Add(compilation, name, LlmSdk.OpenAIApi, ("CreateCompletionAsync", Gen), ("CreateCompletionsAsync", Gen), ("CreateAndFormatCompletion", Gen), ("GetCompletion", Gen), ("StreamCompletionAsync", Stream), ("StreamCompletionEnumerableAsync", Stream));
            }

            LlmCallAttribute = compilation.GetTypeByMetadataName("AiLint.LlmCallAttribute");
            AsyncEnumerable = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        }

        /// <summary><c>AiLint.LlmCallAttribute</c>, when AiLint.Annotations is referenced.</summary>
        public INamedTypeSymbol? LlmCallAttribute { get; }

        public INamedTypeSymbol? AsyncEnumerable { get; }

        /// <summary>True when at least one SDK entry point type is referenced.</summary>
        public bool HasAnySdk => entries.Count > 0;

        public static KnownLlmSymbols Create(Compilation compilation) => new(compilation);

        /// <summary>Matches a method declared directly on one of the known types (no inheritance walk).</summary>
        public bool TryMatch(INamedTypeSymbol type, string methodName, out LlmCallKind kind, out LlmSdk sdk)
        {
            if (entries.TryGetValue(type.OriginalDefinition, out var entry) && entry.Methods.TryGetValue(methodName, out kind))
            {
                sdk = entry.Sdk;
                return true;
            }

            kind = LlmCallKind.None;
            sdk = LlmSdk.None;
            return false;
        }

        /// <summary>True when <paramref name="type"/> is one of the known interfaces (for implementation checks).</summary>
        public bool IsKnownInterface(INamedTypeSymbol type) =>
            type.TypeKind == TypeKind.Interface && entries.ContainsKey(type.OriginalDefinition);

        public bool IsKnownType(INamedTypeSymbol type) => entries.ContainsKey(type.OriginalDefinition);

        /// <summary>The method names of every SDK entry point the compilation references (for syntactic pre-filters).</summary>
        public IEnumerable<string> EntryPointNames() => entries.Values.SelectMany(e => e.Methods.Keys).Distinct(StringComparer.Ordinal);

        /// <summary>The SDK entry point types the compilation references (for syntactic pre-filters such as Gating/RelevanceSeeds).</summary>
        public IEnumerable<INamedTypeSymbol> EntryPointTypes() => entries.Keys;

        /// <summary>Every entry point type with its SDK and method names (for the SDK-name meta-test).</summary>
        public IEnumerable<(INamedTypeSymbol Type, LlmSdk Sdk, IEnumerable<string> Methods)> Entries() =>
            entries.Select(e => (e.Key, e.Value.Sdk, (IEnumerable<string>)e.Value.Methods.Keys));

        /// <summary>Adds method names to a type added before (older SDK versions' names for the same calls).</summary>
        private void AddMethods(Compilation compilation, string metadataName, params (string Name, LlmCallKind Kind)[] methods)
        {
            if (compilation.GetTypeByMetadataName(metadataName) is { } type && entries.TryGetValue(type, out var entry))
            {
                foreach (var (name, kind) in methods)
                {
                    entry.Methods[name] = kind;
                }
            }
        }

        private void Add(Compilation compilation, string metadataName, LlmSdk sdk, params (string Name, LlmCallKind Kind)[] methods)
        {
            var type = compilation.GetTypeByMetadataName(metadataName);
            if (type is null)
            {
                return;
            }

            var map = new Dictionary<string, LlmCallKind>(System.StringComparer.Ordinal);
            foreach (var (name, kind) in methods)
            {
                map[name] = kind;
            }

            entries[type] = new Entry(sdk, map);
        }

        private sealed class Entry
        {
            public Entry(LlmSdk sdk, Dictionary<string, LlmCallKind> methods)
            {
                Sdk = sdk;
                Methods = methods;
            }

            public LlmSdk Sdk { get; }

            public Dictionary<string, LlmCallKind> Methods { get; }
        }
    }
}
