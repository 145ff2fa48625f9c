using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The system/instruction slots of the SDKs AiLint knows (docs/design/sdk-facts.md), resolved once per compilation.
    /// A type the compilation does not reference stays null and its slot is never matched.
    /// </summary>
    internal sealed class KnownPromptSymbols
    {
        private KnownPromptSymbols(Compilation compilation)
        {
            PromptAttribute = compilation.GetTypeByMetadataName("AiLint.PromptAttribute");
            MeaiChatMessage = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatMessage");
            MeaiChatRole = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatRole");
            MeaiChatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
            OpenAISystemChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.SystemChatMessage");
            OpenAIDeveloperChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.DeveloperChatMessage");
            OpenAIChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatMessage");
            OpenAICreateResponseOptions = compilation.GetTypeByMetadataName("OpenAI.Responses.CreateResponseOptions");
            OpenAIResponseItem = compilation.GetTypeByMetadataName("OpenAI.Responses.ResponseItem");
            AnthropicMessageCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.MessageCreateParams");
            AnthropicBetaMessageCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.MessageCreateParams");
            MeaiTextContent = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.TextContent");
            MeaiChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
            MeaiStructuredOutputExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions");
            AgentsChatClientAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.ChatClientAgent");
            AgentsAIAgent = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIAgent");
            SkOpenAIPromptExecutionSettings = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings");
            SkChatHistory = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.ChatHistory");
            SkAuthorRole = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.AuthorRole");
            SkChatMessageContent = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatMessageContent");
            SkKernelFunctionFactory = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelFunctionFactory");
            SkKernelExtensions = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelExtensions");
            SkPromptTemplateConfig = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.PromptTemplateConfig");
            McpServerOptions = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServerOptions");
            OpenAIAssistantCreationOptions = compilation.GetTypeByMetadataName("OpenAI.Assistants.AssistantCreationOptions");
            OpenAIAssistantModificationOptions = compilation.GetTypeByMetadataName("OpenAI.Assistants.AssistantModificationOptions");
            OpenAIRunCreationOptions = compilation.GetTypeByMetadataName("OpenAI.Assistants.RunCreationOptions");
            OpenAIRealtimeSessionOptions = compilation.GetTypeByMetadataName("OpenAI.Realtime.RealtimeConversationSessionOptions");
            OpenAIRealtimeResponseOptions = compilation.GetTypeByMetadataName("OpenAI.Realtime.RealtimeResponseOptions");
            AgentsAIContext = compilation.GetTypeByMetadataName("Microsoft.Agents.AI.AIContext");
            SkAIContext = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.AIContext");
            OllamaGenerateRequest = compilation.GetTypeByMetadataName("OllamaSharp.Models.GenerateRequest");
            OllamaChat = compilation.GetTypeByMetadataName("OllamaSharp.Chat");
            OllamaMessage = compilation.GetTypeByMetadataName("OllamaSharp.Models.Chat.Message");
            OllamaChatRole = compilation.GetTypeByMetadataName("OllamaSharp.Models.Chat.ChatRole");
            AnthropicTextBlockParam = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.TextBlockParam");
            AnthropicBetaTextBlockParam = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.BetaTextBlockParam");
            SkChatCompletionServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions");
            OlderSdks = new OlderSdkPromptSlots(compilation);
            SkAgents = new SemanticKernelAgentSlots(compilation);
            RawHttp = new RawHttpPromptSlots(compilation);
            OneUserMessages = new OneUserMessageRequests(compilation);
            RenderedTemplates = new RenderedPromptTemplates(compilation);
        }

        /// <summary>Semantic Kernel templates rendered by a template factory on their own, not sent to a model by the config.</summary>
        public RenderedPromptTemplates RenderedTemplates { get; }

        /// <summary>The system text of requests sent over plain HttpClient to a provider's endpoint.</summary>
        public RawHttpPromptSlots RawHttp { get; }

        /// <summary>Requests whose messages are exactly one user message: judged like the single-turn string overloads.</summary>
        public OneUserMessageRequests OneUserMessages { get; }

        /// <summary>Semantic Kernel's <c>chatService.GetChatMessageContentAsync(string prompt, ...)</c> and the other string overloads.</summary>
        public INamedTypeSymbol? SkChatCompletionServiceExtensions { get; }

        /// <summary>The <c>Instructions</c> of Semantic Kernel's agents (ChatCompletionAgent and the other KernelAgent subtypes).</summary>
        public SemanticKernelAgentSlots SkAgents { get; }

        public INamedTypeSymbol? AnthropicTextBlockParam { get; }

        public INamedTypeSymbol? AnthropicBetaTextBlockParam { get; }

        public INamedTypeSymbol? OpenAIAssistantCreationOptions { get; }

        public INamedTypeSymbol? OpenAIAssistantModificationOptions { get; }

        public INamedTypeSymbol? OpenAIRunCreationOptions { get; }

        public INamedTypeSymbol? OpenAIRealtimeSessionOptions { get; }

        public INamedTypeSymbol? OpenAIRealtimeResponseOptions { get; }

        public INamedTypeSymbol? AgentsAIContext { get; }

        public INamedTypeSymbol? SkAIContext { get; }

        public INamedTypeSymbol? OllamaGenerateRequest { get; }

        public INamedTypeSymbol? OllamaChat { get; }

        public INamedTypeSymbol? OllamaMessage { get; }

        public INamedTypeSymbol? OllamaChatRole { get; }

        public INamedTypeSymbol? PromptAttribute { get; }

        public INamedTypeSymbol? MeaiChatMessage { get; }

        public INamedTypeSymbol? MeaiChatRole { get; }

        public INamedTypeSymbol? MeaiChatOptions { get; }

        public INamedTypeSymbol? OpenAISystemChatMessage { get; }

        public INamedTypeSymbol? OpenAIDeveloperChatMessage { get; }

        public INamedTypeSymbol? OpenAIChatMessage { get; }

        public INamedTypeSymbol? OpenAICreateResponseOptions { get; }

        public INamedTypeSymbol? OpenAIResponseItem { get; }

        public INamedTypeSymbol? AnthropicMessageCreateParams { get; }

        public INamedTypeSymbol? AnthropicBetaMessageCreateParams { get; }

        public INamedTypeSymbol? MeaiTextContent { get; }

        public INamedTypeSymbol? MeaiChatClient { get; }

        public INamedTypeSymbol? MeaiStructuredOutputExtensions { get; }

        public INamedTypeSymbol? AgentsChatClientAgent { get; }

        public INamedTypeSymbol? AgentsAIAgent { get; }

        public INamedTypeSymbol? SkOpenAIPromptExecutionSettings { get; }

        public INamedTypeSymbol? SkChatHistory { get; }

        public INamedTypeSymbol? SkAuthorRole { get; }

        public INamedTypeSymbol? SkChatMessageContent { get; }

        public INamedTypeSymbol? SkKernelFunctionFactory { get; }

        public INamedTypeSymbol? SkKernelExtensions { get; }

        public INamedTypeSymbol? SkPromptTemplateConfig { get; }

        public INamedTypeSymbol? McpServerOptions { get; }

        /// <summary>The slots of Azure.AI.OpenAI 1.0.0-beta, Azure.AI.Inference, Betalgo.Ranul.OpenAI and OpenAI_API.</summary>
        public OlderSdkPromptSlots OlderSdks { get; }

        /// <summary>Whether any SDK slot can occur at all (otherwise only [Prompt] declares prompts).</summary>
        public bool HasAnySlot =>
            MeaiChatMessage != null || MeaiChatOptions != null || OpenAISystemChatMessage != null || OpenAIDeveloperChatMessage != null
            || OpenAIChatMessage != null || OpenAICreateResponseOptions != null || OpenAIResponseItem != null
            || AnthropicMessageCreateParams != null || AnthropicBetaMessageCreateParams != null
            || AgentsChatClientAgent != null || SkChatHistory != null || SkKernelFunctionFactory != null || McpServerOptions != null
            || OpenAIAssistantCreationOptions != null || OpenAIRealtimeSessionOptions != null || AgentsAIContext != null || SkAIContext != null
            || OllamaGenerateRequest != null || OllamaChat != null || SkOpenAIPromptExecutionSettings != null || OlderSdks.HasAnySlot || SkAgents.HasAnySlot;

        public static KnownPromptSymbols Create(Compilation compilation) => new KnownPromptSymbols(compilation);

        /// <summary>
        /// Adds the values <paramref name="operation"/> (an object creation, invocation or assignment) puts into a
        /// system/instruction slot, or into a single-turn request (the whole conversation in one string).
        /// </summary>
        public void FindSlotValues(IOperation operation, List<PromptSlot> results, System.Threading.CancellationToken cancellationToken = default)
        {
            var before = results.Count;
            FindSlotValuesOf(operation, results, cancellationToken);

            // A connectivity probe's constant request (ProbeRequests) carries no prompt, whatever its system line says.
            if (results.Count > before && ProbeRequests.IsInProbe(operation, results[before].IsSingleTurn))
            {
                results.RemoveRange(before, results.Count - before);
            }
        }

        private void FindSlotValuesOf(IOperation operation, List<PromptSlot> results, System.Threading.CancellationToken cancellationToken)
        {
            switch (operation)
            {
                case IObjectCreationOperation creation:
                    FindSlotValues(creation, results);
                    break;
                case IInvocationOperation invocation:
                    FindSlotValues(invocation, results);
                    OneUserMessages.FindSlotValues(invocation, this, results);
                    AgentRunRequests.FindSlotValues(invocation, this, results);

                    // A POST of a JSON body to a provider's endpoint over plain HttpClient (RawHttpPromptSlots).
                    RawHttp.FindSlotValues(invocation, results, cancellationToken);
                    break;
                case ISimpleAssignmentOperation assignment when AssignedSlotValue(assignment) is { } value:
                    if (IsSystemBlockList(value.Type))
                    {
                        AddSystemBlocks(value, results);
                    }
                    else
                    {
                        results.Add(new PromptSlot(value, isSingleTurn: false));
                    }

                    break;
            }
        }

        private void FindSlotValues(IObjectCreationOperation creation, List<PromptSlot> results)
        {
            var type = creation.Constructor?.ContainingType;
            if (type == null)
            {
                return;
            }

            if (Is(type, OpenAISystemChatMessage) || Is(type, OpenAIDeveloperChatMessage))
            {
                AddString(creation.Arguments, "content", results);
            }
            else if (Is(type, MeaiChatMessage)
                && (IsSystemRole(creation.Arguments) || RoleMappedLocals.MapsInstructions(creation.Arguments, "role", "content", MeaiChatRole)))
            {
                AddString(creation.Arguments, "content", results);

                // new ChatMessage(ChatRole.System, [new TextContent(prompt)]): each text part of the contents list.
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter?.Name != "contents")
                    {
                        continue;
                    }

                    foreach (var part in argument.Value.DescendantsAndSelf())
                    {
                        if (part is IObjectCreationOperation text && Is(text.Constructor?.ContainingType, MeaiTextContent))
                        {
                            AddString(text.Arguments, "text", results);
                        }
                    }
                }
            }
            else if (Is(type, AgentsChatClientAgent))
            {
                AddString(creation.Arguments, "instructions", results);
            }
            else if (Is(type, SkChatHistory))
            {
                AddString(creation.Arguments, "systemMessage", results);
                if (HasRole(creation.Arguments, "role", SkAuthorRole))
                {
                    AddString(creation.Arguments, "message", results);
                }
            }
            else if (Is(type, SkChatMessageContent))
            {
                // new ChatHistory { new ChatMessageContent(AuthorRole.System, prompt) }: the same slot as AddSystemMessage;
                // also with the role mapped from the app's own message into a local first (RoleMappedLocals).
                if (HasRole(creation.Arguments, "role", SkAuthorRole) || RoleMappedLocals.MapsInstructions(creation.Arguments, "role", "content", SkAuthorRole))
                {
                    AddString(creation.Arguments, "content", results);
                }

                AddInitializedContent(creation, SkAuthorRole, results);
            }
            else if (Is(type, SkPromptTemplateConfig))
            {
                // A config only rendered by a template factory (`factory.Create(config).RenderAsync(...)`) sends nothing
                // to a model by itself: its rendered text is a prompt only where it reaches a slot (RenderedPromptTemplates).
                if (!RenderedTemplates.IsOnlyRendered(creation))
                {
                    AddString(creation.Arguments, "template", results);
                }
            }
            else if (Is(type, OllamaChat))
            {
                // new Chat(ollama, systemPrompt): OllamaSharp's conversation starts with that system message.
                AddString(creation.Arguments, "systemPrompt", results);
            }
            else if (Is(type, OllamaMessage))
            {
                if (HasRole(creation.Arguments, "role", OllamaChatRole))
                {
                    AddString(creation.Arguments, "content", results);
                }

                AddInitializedContent(creation, OllamaChatRole, results);
            }
            else
            {
                OlderSdks.FindSlotValues(type, creation, results);
            }
        }

        private void FindSlotValues(IInvocationOperation invocation, List<PromptSlot> results)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (method.IsStatic
                && ((Is(type, OpenAIChatMessage) && (method.Name == "CreateSystemMessage" || method.Name == "CreateDeveloperMessage"))
                    || (Is(type, OpenAIResponseItem) && (method.Name == "CreateSystemMessageItem" || method.Name == "CreateDeveloperMessageItem"))))
            {
                AddString(invocation.Arguments, null, results);
            }
            else if (Is(type, SkChatHistory)
                && (method.Name == "AddSystemMessage" || method.Name == "AddDeveloperMessage"
                    || (method.Name == "AddMessage"
                        && (HasRole(invocation.Arguments, "authorRole", SkAuthorRole) || RoleMappedLocals.MapsInstructions(invocation.Arguments, "authorRole", "content", SkAuthorRole)))))
            {
                AddString(invocation.Arguments, "content", results);
            }
            else if ((Is(type, SkKernelFunctionFactory) && method.Name == "CreateFromPrompt")
                || (Is(type, SkKernelExtensions) && method.Name == "CreateFunctionFromPrompt"))
            {
                // A Semantic Kernel prompt function's template is the whole prompt, instructions included; a fixed
                // question alone is the demo's question, as at InvokePromptAsync (FunctionTemplateQuestions).
                AddString(invocation.Arguments, "promptTemplate", results, isFunctionTemplate: true);
            }
            else if (Is(type, SkKernelExtensions) && (method.Name == "InvokePromptAsync" || method.Name == "InvokePromptStreamingAsync"))
            {
                // Apps also pass the user's question straight to InvokePromptAsync: judged like a single-turn request,
                // unless the request's settings carry the system prompt (then the template is the user's message).
                if (!InstructedRequests.CarriesInstructions(invocation, this))
                {
                    AddString(invocation.Arguments, "promptTemplate", results, isSingleTurn: true);
                }
            }
            else if (IsSkSingleTurnRequest(method))
            {
                // chatService.GetChatMessageContentAsync("...") sends the string as the one user message of a new history:
                // the same single-turn request as kernel.InvokePromptAsync, and the same exception for carried instructions.
                if (!InstructedRequests.CarriesInstructions(invocation, this))
                {
                    AddString(invocation.Arguments, null, results, isSingleTurn: true);
                }
            }
            else if (IsAgentFactory(method))
            {
                AddString(invocation.Arguments, "instructions", results);
            }
            else if (IsSingleTurnRequest(method))
            {
                // With ChatOptions.Instructions set on the same request the string is the user's message, not the whole conversation.
                if (InstructedRequests.CarriesInstructions(invocation, this))
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { Name: "chatMessage" } parameter && parameter.Type.SpecialType == SpecialType.System_String)
                    {
                        results.Add(new PromptSlot(argument.Value, isSingleTurn: true));
                    }
                }
            }
            else
            {
                OlderSdks.FindSlotValues(invocation, results);
            }
        }

        /// <summary>
        /// An SDK's agent factory: <c>chatClient.AsAIAgent(instructions: ...)</c> and
        /// <c>chatClient.AsBuilder()...BuildAIAgent(instructions: ...)</c> of Microsoft Agent Framework, and the
        /// same extension in its provider packages (<c>openAIChatClient.AsAIAgent(...)</c>, the earlier
        /// <c>CreateAIAgent(...)</c>, a Foundry client's <c>CreateAIAgentAsync(...)</c>): a method from a referenced
        /// assembly, named so, that returns an agent (<c>AIAgent</c> or a subtype, also in a task). The project's own
        /// helpers of that name are not matched: their parameters are followed to the SDK slot they fill.
        /// </summary>
        private bool IsAgentFactory(IMethodSymbol method)
        {
            if (AgentsAIAgent == null
                || !(method.Name == "AsAIAgent" || method.Name == "BuildAIAgent" || method.Name == "CreateAIAgent" || method.Name == "CreateAIAgentAsync")
                || !method.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            var returned = method.ReturnType as INamedTypeSymbol;
            if (returned is { IsGenericType: true, TypeArguments.Length: 1 } && (returned.Name == "Task" || returned.Name == "ValueTask"))
            {
                returned = returned.TypeArguments[0] as INamedTypeSymbol;
            }

            for (var type = returned; type != null; type = type.BaseType)
            {
                if (Is(type, AgentsAIAgent))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Semantic Kernel's extensions of IChatCompletionService that take the prompt as a string
        /// (<c>GetChatMessageContentAsync(string prompt, ...)</c>, <c>GetChatMessageContentsAsync</c>,
        /// <c>GetStreamingChatMessageContentsAsync</c>); the overloads taking a ChatHistory have no string to add.
        /// </summary>
        private bool IsSkSingleTurnRequest(IMethodSymbol method) =>
            Is(method.ContainingType, SkChatCompletionServiceExtensions)
            && (method.Name == "GetChatMessageContentAsync" || method.Name == "GetChatMessageContentsAsync" || method.Name == "GetStreamingChatMessageContentsAsync");

        /// <summary>IChatClient.GetResponseAsync / GetResponseAsync&lt;T&gt; / GetStreamingResponseAsync extensions (the string overloads are chosen by the argument).</summary>
        private bool IsSingleTurnRequest(IMethodSymbol method)
        {
            if (MeaiChatClient == null || !(method.Name == "GetResponseAsync" || method.Name == "GetStreamingResponseAsync"))
            {
                return false;
            }

            var assembly = method.ContainingAssembly;
            return SymbolEqualityComparer.Default.Equals(assembly, MeaiChatClient.ContainingAssembly)
                || (MeaiStructuredOutputExtensions != null && SymbolEqualityComparer.Default.Equals(assembly, MeaiStructuredOutputExtensions.ContainingAssembly));
        }

        /// <summary>Whether <paramref name="property"/> is an instructions/system property of a request options type or of a Semantic Kernel agent.</summary>
        public bool IsSlotProperty(IPropertySymbol property)
        {
            var type = property.ContainingType;
            return (property.Name == "Instructions" && (Is(type, MeaiChatOptions) || Is(type, OpenAICreateResponseOptions)))
                || (property.Name == "System" && (Is(type, AnthropicMessageCreateParams) || Is(type, AnthropicBetaMessageCreateParams)))
                || (property.Name == "Template" && Is(type, SkPromptTemplateConfig))
                || (property.Name == "ServerInstructions" && Is(type, McpServerOptions))
                || (property.Name == "Instructions" && (Is(type, OpenAIAssistantCreationOptions) || Is(type, OpenAIAssistantModificationOptions)
                    || Is(type, OpenAIRealtimeSessionOptions) || Is(type, OpenAIRealtimeResponseOptions) || Is(type, AgentsAIContext) || Is(type, SkAIContext)))
                || (property.Name == "AdditionalInstructions" && Is(type, OpenAIRunCreationOptions))
                || (property.Name == "System" && Is(type, OllamaGenerateRequest))
                || ((property.Name == "ChatSystemPrompt" || property.Name == "ChatDeveloperPrompt") && Is(type, SkOpenAIPromptExecutionSettings))
                || SkAgents.IsInstructions(property);
        }

        private IOperation? AssignedSlotValue(ISimpleAssignmentOperation assignment)
        {
            if (!(assignment.Target is IPropertyReferenceOperation target) || !IsSlotProperty(target.Property) || IsRenderedConfigTemplate(assignment, target))
            {
                return null;
            }

            var value = Unwrap(assignment.Value);

            // Anthropic's System is a union type: `new MessageCreateParamsSystem(prompt)` is the explicit form of the
            // conversion, and `new MessageCreateParamsSystem(blocks)` of the one from a list of text blocks.
            if (value is IObjectCreationOperation creation
                && SymbolEqualityComparer.Default.Equals(creation.Type, target.Property.Type)
                && creation.Arguments.Length > 0
                && (creation.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String || IsSystemBlockList(creation.Arguments[0].Parameter?.Type)))
            {
                var argument = creation.Arguments[0].Value;
                return IsSystemBlockList(creation.Arguments[0].Parameter?.Type) ? Unwrap(argument) : argument;
            }

            return value;
        }

        /// <summary>
        /// <c>new PromptTemplateConfig { Template = query }</c> whose config only goes to a template factory (see
        /// <see cref="RenderedPromptTemplates"/>): written in the creation's initializer.
        /// </summary>
        private bool IsRenderedConfigTemplate(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target)
        {
            if (!Is(target.Property.ContainingType, SkPromptTemplateConfig))
            {
                return false;
            }

            if (assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation })
            {
                return RenderedTemplates.IsOnlyRendered(creation);
            }

            // `var config = new PromptTemplateConfig(); config.Template = query;` then `factory.Create(config)`.
            return Unwrap(target.Instance ?? assignment) is ILocalReferenceOperation local
                && local.Local.DeclaringSyntaxReferences.Length == 1
                && local.Local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator
                && declarator.SyntaxTree == assignment.Syntax.SyntaxTree
                && assignment.SemanticModel?.GetOperation(declarator) is IVariableDeclaratorOperation { Initializer: { } initializer }
                && Unwrap(initializer.Value) is IObjectCreationOperation held
                && RenderedTemplates.IsOnlyRendered(held);
        }

        /// <summary>A list of Anthropic text blocks (<c>List&lt;TextBlockParam&gt;</c>, <c>IReadOnlyList&lt;BetaTextBlockParam&gt;</c>): the form of System that carries cache control.</summary>
        private bool IsSystemBlockList(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeArguments: { Length: 1 } arguments }
            && (Is(arguments[0] as INamedTypeSymbol, AnthropicTextBlockParam) || Is(arguments[0] as INamedTypeSymbol, AnthropicBetaTextBlockParam));

        /// <summary>
        /// <c>System = new List&lt;TextBlockParam&gt; { new() { Text = prompt, CacheControl = ... } }</c>: each block's text is a
        /// system slot. The list is read where it is written, or from the initializer of the local that holds it.
        /// </summary>
        private void AddSystemBlocks(IOperation list, List<PromptSlot> results)
        {
            list = Unwrap(list);
            if (list is ILocalReferenceOperation local
                && local.Local.DeclaringSyntaxReferences.Length == 1
                && local.Local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } initializer }
                && list.SemanticModel?.SyntaxTree == initializer.SyntaxTree
                && list.SemanticModel.GetOperation(initializer.Value) is { } initial)
            {
                list = initial;
            }

            foreach (var operation in list.DescendantsAndSelf())
            {
                if (!(operation is IObjectCreationOperation block)
                    || !(Is(block.Type as INamedTypeSymbol, AnthropicTextBlockParam) || Is(block.Type as INamedTypeSymbol, AnthropicBetaTextBlockParam)))
                {
                    continue;
                }

                AddString(block.Arguments, "text", results);
                if (block.Initializer is { } members)
                {
                    foreach (var member in members.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Text" } } } text)
                        {
                            results.Add(new PromptSlot(text.Value, isSingleTurn: false));
                        }
                    }
                }
            }
        }

        /// <summary>
        /// <c>new ChatMessageContent { Role = AuthorRole.System, Content = prompt }</c> (Semantic Kernel's documented
        /// form) and <c>new Message { Role = ChatRole.System, Content = prompt }</c> (OllamaSharp): role and text set in
        /// the object initializer instead of the constructor.
        /// </summary>
        internal static void AddInitializedContent(IObjectCreationOperation creation, INamedTypeSymbol? roleType, List<PromptSlot> results)
        {
            if (creation.Initializer == null)
            {
                return;
            }

            IOperation? content = null;
            var isSystem = false;
            foreach (var member in creation.Initializer.Initializers)
            {
                if (!(member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment))
                {
                    continue;
                }

                if (target.Property.Name == "Role")
                {
                    isSystem = Unwrap(assignment.Value) is IPropertyReferenceOperation role
                        && (role.Property.Name == "System" || role.Property.Name == "Developer")
                        && Is(role.Property.ContainingType, roleType);
                }
                else if (target.Property.Name == "Content" && target.Property.Type.SpecialType == SpecialType.System_String)
                {
                    content = assignment.Value;
                }
            }

            if (isSystem && content != null)
            {
                results.Add(new PromptSlot(content, isSingleTurn: false));
            }
        }

        private bool IsSystemRole(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments) =>
            HasRole(arguments, "role", MeaiChatRole);

        /// <summary>
        /// Whether the argument <paramref name="parameterName"/> is the <c>System</c> property of <paramref name="roleType"/>,
        /// or its <c>Developer</c> property (Semantic Kernel's role for OpenAI's developer messages, which take the system
        /// message's place for reasoning models).
        /// </summary>
        internal static bool HasRole(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string parameterName, INamedTypeSymbol? roleType)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name != parameterName)
                {
                    continue;
                }

                switch (Unwrap(argument.Value))
                {
                    case IPropertyReferenceOperation role
                        when (role.Property.Name == "System" || role.Property.Name == "Developer") && Is(role.Property.ContainingType, roleType):
                        return true;

                    // new ChatRole("System"): the role types compare their names without case, so this is ChatRole.System.
                    case IObjectCreationOperation { Arguments: { Length: 1 } created } creation
                        when Is(creation.Type as INamedTypeSymbol, roleType) && created[0].Value.ConstantValue.Value is string name && IsInstructionRoleName(name):
                        return true;
                }
            }

            return false;
        }

        private static bool IsInstructionRoleName(string name) =>
            string.Equals(name, "system", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "developer", StringComparison.OrdinalIgnoreCase);

        internal static void AddString(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string? name, List<PromptSlot> results, bool isSingleTurn = false, bool isFunctionTemplate = false)
        {
            foreach (var argument in arguments)
            {
                // An omitted optional argument (instructions: null by default) is not something the code put there.
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Parameter is { } parameter
                    && parameter.Type.SpecialType == SpecialType.System_String
                    && (name == null || parameter.Name == name))
                {
                    results.Add(new PromptSlot(argument.Value, isSingleTurn, isFunctionTemplate));
                    return;
                }
            }
        }

        /// <summary>Strips conversions, including user-defined ones such as Anthropic's string-to-MessageCreateParamsSystem.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        internal static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? known) =>
            known != null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);
    }
}

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>A value put into a prompt slot.</summary>
    internal readonly struct PromptSlot
    {
        public PromptSlot(IOperation value, bool isSingleTurn, bool isFunctionTemplate = false)
        {
            Value = value;
            IsSingleTurn = isSingleTurn;
            IsFunctionTemplate = isFunctionTemplate;
            Spelled = null;
        }

        /// <summary>A slot whose prompt is text spelled inside a larger constant (<paramref name="value"/>: JSON text's content).</summary>
        public PromptSlot(IOperation value, PromptOrigin spelled)
        {
            Value = value;
            IsSingleTurn = false;
            IsFunctionTemplate = false;
            Spelled = spelled;
        }

        public IOperation Value { get; }

        /// <summary>The prompt already read where <see cref="Value"/> spells it (RawHttpPromptSlots' JSON text), not to be followed.</summary>
        public PromptOrigin? Spelled { get; }

        /// <summary>A single-turn request string: a prompt only when it carries instructions (see AIL0301.md).</summary>
        public bool IsSingleTurn { get; }

        /// <summary>
        /// A Semantic Kernel prompt function's template (<c>kernel.CreateFunctionFromPrompt(text)</c>): a prompt, unless it
        /// is only a fixed question (<see cref="FunctionTemplateQuestions"/>).
        /// </summary>
        public bool IsFunctionTemplate { get; }
    }
}
