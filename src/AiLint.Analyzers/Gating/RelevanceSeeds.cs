using System;
using System.Collections.Generic;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Analyzers.Rules.Spans;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// The names a file must spell for an operation-based AiLint rule to find anything in it directly, read from the
    /// families' symbol tables so that what they learn to resolve is covered without a second list (see
    /// <see cref="RelevantFiles"/> for the closure over project code and the soundness argument).
    /// </summary>
    internal sealed class RelevanceSeeds
    {
        /// <summary>
        /// The model-id properties the model rules check (KnownModelSymbols.IsModelProperty matches them by these names on
        /// any SDK request type, not only on the types it resolves).
        /// </summary>
        private static readonly string[] ModelPropertyNames = { "Model", "ModelId" };

        /// <summary>
        /// The instruction properties the prompt rules read (KnownPromptSymbols.IsInstructionsProperty), for a value
        /// whose type the file never spells. Anthropic's <c>System</c> is left out: every file spells <c>using System;</c>,
        /// and setting it needs a MessageCreateParams the file names (or a Create call, whose name is a seed).
        /// </summary>
        private static readonly string[] InstructionPropertyNames = { "Instructions", "Template", "ServerInstructions" };

        /// <summary>Namespace segments too common to tell an SDK's <c>using</c> apart from anyone else's.</summary>
        private static readonly HashSet<string> CommonSegments = new HashSet<string>(StringComparer.Ordinal)
        {
            "System", "Microsoft", "Extensions", "Azure", "Models", "Services", "Chat", "Core", "Http", "Beta", "Messages", "Responses", "Server",
        };

        private RelevanceSeeds()
        {
        }

        /// <summary>Names of members and types; a file spelling one is relevant.</summary>
        public HashSet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>One distinctive segment per SDK namespace: a <c>global using</c> of such a namespace makes every file relevant.</summary>
        public HashSet<string> NamespaceTokens { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>True when no name test can be sound (a referenced assembly may carry <c>[LlmCall]</c>).</summary>
        public bool Everything { get; private set; }

        public static RelevanceSeeds Compute(Compilation compilation, AnalyzerOptions options)
        {
            var seeds = new RelevanceSeeds();
            seeds.AddLlmCalls(compilation, options);
            seeds.AddModels(compilation);
            seeds.AddPrompts(compilation);
            seeds.AddSpans(compilation);
            seeds.AddRetries(compilation, options);
            return seeds;
        }

        private void AddLlmCalls(Compilation compilation, AnalyzerOptions options)
        {
            if (LlmCallRecognizer.TryGetCompilationInstance(compilation, options) is { } recognizer)
            {
                // SDK entry points, configured methods (ailint.llm_call_methods) and referenced projects' recorded wrappers.
                Names.UnionWith(recognizer.DirectCallNames());

                // Without a recognizer there is no SDK, so no entry-point type either (KnownLlmSymbols.HasAnySdk).
                foreach (var type in recognizer.EntryPointTypes())
                {
                    AddSdkType(type);
                }
            }

            // The calls whose arguments decide (raw HTTP POSTs, prompt functions): matched by argument, not by a listed name.
            Names.UnionWith(DirectLlmCalls.ArgumentDependentNamesIn(compilation));

            // AiLint's attributes ([LlmCall], [Prompt], [IdempotencyKey] ...), as written with and without the suffix;
            // using aliases of them are added by the closure (an alias directive spells its target).
            if (compilation.GetTypeByMetadataName("AiLint.LlmCallAttribute") is { } llmCall)
            {
                if (LlmCallAttributeUse.MayBeAppliedInReferences(compilation, llmCall))
                {
                    Everything = true;
                }

                foreach (var type in llmCall.ContainingNamespace.GetTypeMembers())
                {
                    if (type.Name.EndsWith("Attribute", StringComparison.Ordinal))
                    {
                        Names.Add(type.Name);
                        Names.Add(type.Name.Substring(0, type.Name.Length - "Attribute".Length));
                    }
                }
            }
            else
            {
                Names.Add("LlmCall");
                Names.Add("LlmCallAttribute");
                Names.Add("Prompt");
                Names.Add("PromptAttribute");
            }
        }

        private void AddModels(Compilation compilation)
        {
            var symbols = KnownModelSymbols.Create(compilation);
            AddSdkType(symbols.OpenAIChatCompletionOptions);
            AddSdkType(symbols.OpenAICreateResponseOptions);
            AddSdkType(symbols.MeaiChatOptions);
            AddSdkType(symbols.AnthropicMessageCreateParams);
            AddSdkType(symbols.AnthropicBetaMessageCreateParams);
            Names.UnionWith(ModelPropertyNames);

            // Referenced projects' helpers and constructors whose parameter reaches a model slot (ReferencedModelParameters).
            Names.UnionWith(ReferencedModelParameters.For(compilation).Names);
        }

        private void AddPrompts(Compilation compilation)
        {
            // Referenced projects' wrappers whose parameter goes into a system slot (ReferencedPromptWrappers).
            Names.UnionWith(Summaries.ReferencedSummaries.For(compilation).PromptParameterMethodNames);

            var symbols = KnownPromptSymbols.Create(compilation);
            foreach (var type in new[]
            {
                symbols.MeaiChatMessage, symbols.MeaiChatRole, symbols.MeaiChatOptions, symbols.OpenAISystemChatMessage,
                symbols.OpenAIDeveloperChatMessage, symbols.OpenAIChatMessage, symbols.OpenAICreateResponseOptions,
                symbols.OpenAIResponseItem, symbols.AnthropicMessageCreateParams, symbols.AnthropicBetaMessageCreateParams,
                symbols.MeaiTextContent, symbols.MeaiChatClient, symbols.MeaiStructuredOutputExtensions, symbols.AgentsChatClientAgent,
                symbols.SkChatHistory, symbols.SkAuthorRole, symbols.SkKernelFunctionFactory, symbols.SkKernelExtensions,
                symbols.SkPromptTemplateConfig, symbols.McpServerOptions, symbols.SkChatMessageContent,
                symbols.AnthropicTextBlockParam, symbols.AnthropicBetaTextBlockParam, symbols.OpenAIAssistantCreationOptions,
                symbols.OpenAIAssistantModificationOptions, symbols.OpenAIRunCreationOptions, symbols.OpenAIRealtimeSessionOptions,
                symbols.OpenAIRealtimeResponseOptions, symbols.AgentsAIContext, symbols.SkAIContext, symbols.OllamaGenerateRequest,
                symbols.OllamaChat, symbols.OllamaMessage, symbols.OllamaChatRole,
            })
            {
                AddSdkType(type);
            }

            foreach (var type in symbols.OlderSdks.Types())
            {
                AddSdkType(type);
            }

            Names.UnionWith(InstructionPropertyNames);
        }

        private void AddRetries(Compilation compilation, AnalyzerOptions options)
        {
            var symbols = new KnownRetrySymbols(compilation);

            // HTTP-level retries are reported at their registration (AddStandardResilienceHandler ...); the SDK clients and
            // options are where built-in retries are configured.
            foreach (var type in new[] { symbols.ResilienceHttpClientBuilderExtensions, symbols.PollyHttpClientBuilderExtensions })
            {
                if (type is not null)
                {
                    Names.UnionWith(type.MemberNames);
                }
            }

            foreach (var type in new[] { symbols.OpenAIClientOptions, symbols.AzureOpenAIClient, symbols.AzureOpenAIClientOptions, symbols.AnthropicClient, symbols.AnthropicClientOptions })
            {
                AddSdkType(type);
            }

            // Referenced methods giving every factory HttpClient a POST-retrying handler (AddServiceDefaults): reported at their call.
            Names.UnionWith(Summaries.ReferencedSummaries.For(compilation).HttpDefaultsRetryMethodNames);

            // ailint.retry_methods: Namespace.Type.Method.
            foreach (var configured in AiLintOptions.GetRetryMethods(options, compilation))
            {
                Names.Add(configured.Substring(configured.LastIndexOf('.') + 1));
            }
        }

        /// <summary>
        /// The span sinks: the span types, and their members that take a timestamp or a span value (SetStartTime,
        /// StartActivity(startTime:), AddEvent(ActivityEvent) ...). Not every member: Activity's Start, Stop, Id and
        /// Current would make half the files of a traced app relevant, and none of them is a sink.
        /// </summary>
        private void AddSpans(Compilation compilation)
        {
            if (KnownSpanSymbols.TryCreate(compilation) is not { } symbols)
            {
                return;
            }

            var spanTypes = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var type in new[] { symbols.Activity, symbols.ActivitySource, symbols.ActivityEvent, symbols.Tracer, symbols.TelemetrySpan })
            {
                if (type is not null)
                {
                    spanTypes.Add(type);
                    Names.Add(type.Name);
                }
            }

            foreach (INamedTypeSymbol type in spanTypes)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is IMethodSymbol method && method.MethodKind == MethodKind.Ordinary)
                    {
                        foreach (var parameter in method.Parameters)
                        {
                            if (symbols.IsTimeType(parameter.Type) || spanTypes.Contains(parameter.Type))
                            {
                                Names.Add(method.Name);
                                break;
                            }
                        }
                    }
                }
            }
        }

        /// <summary>
        /// An SDK type: its name (constructions, declarations, static calls), a distinctive segment of its namespace (a
        /// file that imports the namespace spells it), and the names of its and its SDK base types' methods that take a
        /// string (a model id, an instruction, a prompt template: calls on a value whose type the file never spells,
        /// <c>var client = factory.Create(); client.GetChatClient("gpt-4o")</c>). Not every member: ChatMessage.Text or
        /// ChatHistory.Add would make nearly every file relevant, and no rule looks at them.
        /// </summary>
        private void AddSdkType(INamedTypeSymbol? type)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (current.ContainingAssembly is { } assembly && assembly.Identity.Name.StartsWith("System.", StringComparison.Ordinal))
                {
                    break; // System.ClientModel's ClientPipelineOptions and the like: no SDK entry.
                }

                Names.Add(current.Name);
                foreach (var member in current.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public } method && TakesString(method))
                    {
                        Names.Add(method.Name);
                    }
                }

                AddNamespaceToken(current.ContainingNamespace);
            }
        }

        private static bool TakesString(IMethodSymbol method)
        {
            if (method.Name == nameof(Equals) || method.Name == nameof(ToString))
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.SpecialType == SpecialType.System_String)
                {
                    return true;
                }
            }

            return false;
        }

        private void AddNamespaceToken(INamespaceSymbol? ns)
        {
            var segments = new List<string>();
            for (var current = ns; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
            {
                segments.Insert(0, current.Name);
            }

            foreach (var segment in segments)
            {
                if (!CommonSegments.Contains(segment))
                {
                    NamespaceTokens.Add(segment);
                    Names.Add(segment);
                    return;
                }
            }

            // Every segment is common: all of them (a file importing the namespace spells each).
            NamespaceTokens.UnionWith(segments);
            Names.UnionWith(segments);
        }
    }
}
