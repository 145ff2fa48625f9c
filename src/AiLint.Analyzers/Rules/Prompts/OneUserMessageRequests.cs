using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Single-turn requests written with a message list: a request whose messages are exactly one user message and
    /// nothing else is the same request as the string overloads (<c>chatClient.GetResponseAsync(text)</c>), so that
    /// message's text is judged by the same single-turn test (review57: TallesValiatti/AzureOpenAiFunctionCalling sends
    /// a constant template filled with <c>Replace</c> as <c>chat.CompleteChatAsync([new UserChatMessage(formatted)])</c>).
    /// The forms read:
    /// <list type="bullet">
    /// <item>OpenAI: <c>CompleteChat[Streaming][Async]</c> with <c>new UserChatMessage(text)</c>,
    /// <c>ChatMessage.CreateUserMessage(text)</c> or a string (the SDK's implicit conversion makes it a user message),
    /// alone as the params argument or the one element of a collection expression, array or list initializer;</item>
    /// <item>Microsoft.Extensions.AI: <c>GetResponseAsync</c> / <c>GetResponseAsync&lt;T&gt;</c> /
    /// <c>GetStreamingResponseAsync</c> with <c>new ChatMessage(ChatRole.User, text)</c>, alone or as the one element of
    /// a list;</item>
    /// <item>Semantic Kernel: the chat service's <c>GetChatMessageContent(s)Async</c> /
    /// <c>GetStreamingChatMessageContentsAsync</c> with a <c>ChatHistory</c> local created empty whose only use before
    /// the call is one <c>AddUserMessage(text)</c>.</item>
    /// </list>
    /// A list or message held in a local counts when the local is declared with it, never assigned again, and read
    /// only by this request (a list added to later, or a history with any other use, is a conversation); a use inside a
    /// loop or lambda the local is declared outside of is a conversation built turn by turn, and is not read. A list
    /// with a system, developer or assistant message is not single-turn: its system text is the slot. Options carrying
    /// instructions make the text the user's message (<see cref="InstructedRequests"/>), as for the string overloads;
    /// probes are left out by the caller (<see cref="ProbeRequests"/>).
    /// </summary>
    internal sealed partial class OneUserMessageRequests
    {
        public OneUserMessageRequests(Compilation compilation)
        {
            OpenAIChatClient = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatClient");
            OpenAIChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatMessage");
            OpenAIUserChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.UserChatMessage");
            MeaiChatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
            MeaiStructuredOutputExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions");
            MeaiChatMessage = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatMessage");
            MeaiChatRole = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatRole");
            SkChatCompletionService = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService");
            SkChatCompletionServiceExtensions = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions");
            SkChatHistory = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.ChatHistory");
            TextParts = new UserMessageTextParts(compilation);
        }

        /// <summary>The one text part of a user message written as content parts (beside an image).</summary>
        public UserMessageTextParts TextParts { get; }

        public INamedTypeSymbol? OpenAIChatClient { get; }

        public INamedTypeSymbol? OpenAIChatMessage { get; }

        public INamedTypeSymbol? OpenAIUserChatMessage { get; }

        public INamedTypeSymbol? MeaiChatClient { get; }

        public INamedTypeSymbol? MeaiStructuredOutputExtensions { get; }

        public INamedTypeSymbol? MeaiChatMessage { get; }

        public INamedTypeSymbol? MeaiChatRole { get; }

        public INamedTypeSymbol? SkChatCompletionService { get; }

        public INamedTypeSymbol? SkChatCompletionServiceExtensions { get; }

        public INamedTypeSymbol? SkChatHistory { get; }

        /// <summary>Adds the text of <paramref name="request"/>'s one user message as a single-turn slot, when that message is the whole request.</summary>
        public void FindSlotValues(IInvocationOperation request, KnownPromptSymbols symbols, List<PromptSlot> results)
        {
            if (MessagesArgument(request) is not { } messages
                || Root(request) is not { } root
                || OnlyUserText(messages, request, root) is not { } text
                || InstructedRequests.CarriesInstructions(request, symbols))
            {
                return;
            }

            results.Add(new PromptSlot(text, isSingleTurn: true));
        }

        /// <summary>The argument that carries the request's messages, when the call is a chat request of a known SDK.</summary>
        private IOperation? MessagesArgument(IInvocationOperation request)
        {
            var method = request.TargetMethod;
            INamedTypeSymbol? messageType;
            if (IsOpenAIRequest(method))
            {
                messageType = OpenAIChatMessage;
            }
            else if (IsMeaiRequest(method))
            {
                messageType = MeaiChatMessage;
            }
            else if (IsSkRequest(method))
            {
                messageType = SkChatHistory;
            }
            else
            {
                return null;
            }

            foreach (var argument in request.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is { } parameter && CarriesMessages(parameter.Type, messageType))
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The message type itself, an array of it or an <c>IEnumerable&lt;T&gt;</c> of it.</summary>
        private static bool CarriesMessages(ITypeSymbol type, INamedTypeSymbol? messageType)
        {
            if (type is IArrayTypeSymbol array)
            {
                type = array.ElementType;
            }
            else if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } enumerable
                && enumerable.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                type = enumerable.TypeArguments[0];
            }

            return KnownPromptSymbols.Is(type as INamedTypeSymbol, messageType);
        }

        private bool IsOpenAIRequest(IMethodSymbol method)
        {
            if (OpenAIChatClient == null
                || !(method.Name == "CompleteChat" || method.Name == "CompleteChatAsync" || method.Name == "CompleteChatStreaming" || method.Name == "CompleteChatStreamingAsync"))
            {
                return false;
            }

            // Azure's chat client derives from OpenAI's.
            for (var type = method.ContainingType; type != null; type = type.BaseType)
            {
                if (KnownPromptSymbols.Is(type, OpenAIChatClient))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>IChatClient's GetResponseAsync / GetStreamingResponseAsync and their extensions, as KnownPromptSymbols matches the string overloads.</summary>
        private bool IsMeaiRequest(IMethodSymbol method)
        {
            if (MeaiChatClient == null || !(method.Name == "GetResponseAsync" || method.Name == "GetStreamingResponseAsync"))
            {
                return false;
            }

            var assembly = method.ContainingAssembly;
            return SymbolEqualityComparer.Default.Equals(assembly, MeaiChatClient.ContainingAssembly)
                || (MeaiStructuredOutputExtensions != null && SymbolEqualityComparer.Default.Equals(assembly, MeaiStructuredOutputExtensions.ContainingAssembly));
        }

        private bool IsSkRequest(IMethodSymbol method) =>
            (KnownPromptSymbols.Is(method.ContainingType, SkChatCompletionService) || KnownPromptSymbols.Is(method.ContainingType, SkChatCompletionServiceExtensions))
            && (method.Name == "GetChatMessageContentAsync" || method.Name == "GetChatMessageContentsAsync" || method.Name == "GetStreamingChatMessageContentsAsync");

        /// <summary>The text of the one user message <paramref name="messages"/> holds, null when it holds anything else.</summary>
        private IOperation? OnlyUserText(IOperation messages, IInvocationOperation request, IOperation root)
        {
            if (KnownPromptSymbols.Is(messages.Type as INamedTypeSymbol, SkChatHistory))
            {
                return HistoryUserText(messages, request, root);
            }

            return MessageText(messages, request, root)
                ?? (OnlyElement(HeldValue(KnownPromptSymbols.Unwrap(messages), request, root)) is { } element ? MessageText(element, request, root) : null);
        }

        /// <summary>The text of <paramref name="message"/> when it is one user message (held in a local read only here, or written here).</summary>
        private IOperation? MessageText(IOperation message, IInvocationOperation request, IOperation root) =>
            StringAsOpenAIUserMessage(message) ?? UserText(HeldValue(KnownPromptSymbols.Unwrap(message), request, root));

        /// <summary>The one element of an array, params array, collection expression or list initializer, else null.</summary>
        private static IOperation? OnlyElement(IOperation collection)
        {
            IOperation? element = null;
            switch (collection)
            {
                case IArrayCreationOperation { Initializer: { ElementValues.Length: 1 } initializer }:
                    element = initializer.ElementValues[0];
                    break;
                case { Syntax: CollectionExpressionSyntax { Elements.Count: 1 } expression, SemanticModel: { } model }:
                    // Read through syntax: ICollectionExpressionOperation is newer than the Roslyn the analyzer builds against.
                    if (expression.Elements[0] is ExpressionElementSyntax item)
                    {
                        element = model.GetOperation(item.Expression);
                    }

                    break;
                case IObjectCreationOperation { Arguments.IsEmpty: true, Initializer: { Initializers.Length: 1 } initializer }
                    when initializer.Initializers[0] is IInvocationOperation { IsImplicit: true, TargetMethod.Name: "Add", Arguments.Length: 1 } add:
                    element = add.Arguments[0].Value;
                    break;
            }

            return element;
        }

        /// <summary>The text of a user message created here: OpenAI's <c>new UserChatMessage(text)</c> or <c>ChatMessage.CreateUserMessage(text)</c>, MEAI's <c>new ChatMessage(ChatRole.User, text)</c>.</summary>
        private IOperation? UserText(IOperation message)
        {
            switch (message)
            {
                case IObjectCreationOperation creation when KnownPromptSymbols.Is(creation.Type as INamedTypeSymbol, OpenAIUserChatMessage) && creation.Initializer == null:
                    return StringArgument(creation.Arguments, "content") ?? TextParts.OnlyText(creation.Arguments);
                case IObjectCreationOperation creation when KnownPromptSymbols.Is(creation.Type as INamedTypeSymbol, MeaiChatMessage) && creation.Initializer == null && IsUserRole(creation.Arguments):
                    return StringArgument(creation.Arguments, "content") ?? TextParts.OnlyText(creation.Arguments);
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "CreateUserMessage" } factory } invocation
                    when KnownPromptSymbols.Is(factory.ContainingType, OpenAIChatMessage):
                    return StringArgument(invocation.Arguments, null) ?? TextParts.OnlyText(invocation.Arguments);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A string passed where OpenAI expects a message: the SDK's implicit operator makes it a user message. Checked
        /// before <see cref="KnownPromptSymbols.Unwrap"/>, which strips that conversion too.
        /// </summary>
        private IOperation? StringAsOpenAIUserMessage(IOperation value) =>
            value is IConversionOperation { OperatorMethod: { } conversion } converted
            && KnownPromptSymbols.Is(conversion.ContainingType, OpenAIChatMessage)
            && converted.Operand.Type?.SpecialType == SpecialType.System_String
                ? converted.Operand
                : null;

        private static IOperation? StringArgument(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, string? name)
        {
            if (arguments.Length == 0)
            {
                return null;
            }

            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Parameter is { Type.SpecialType: SpecialType.System_String } parameter
                    && (name == null || parameter.Name == name))
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The role argument is <c>ChatRole.User</c>.</summary>
        private bool IsUserRole(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == "role")
                {
                    return KnownPromptSymbols.Unwrap(argument.Value) is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "User" } role }
                        && KnownPromptSymbols.Is(role.ContainingType, MeaiChatRole);
                }
            }

            return false;
        }

        /// <summary>
        /// A Semantic Kernel history local created empty (<c>new ChatHistory()</c>) whose uses are one
        /// <c>AddUserMessage(text)</c> before the request and the request itself: that text; else null.
        /// </summary>
        private IOperation? HistoryUserText(IOperation history, IInvocationOperation request, IOperation root)
        {
            if (!(KnownPromptSymbols.Unwrap(history) is ILocalReferenceOperation reference)
                || !(Declarator(reference.Local, root) is { Initializer.Value: { } initial } declarator)
                || !(KnownPromptSymbols.Unwrap(initial) is IObjectCreationOperation { Arguments.IsEmpty: true } creation)
                || !KnownPromptSymbols.Is(creation.Type as INamedTypeSymbol, SkChatHistory)
                || creation.Initializer is { Initializers.IsEmpty: false })
            {
                return null;
            }

            IInvocationOperation? add = null;
            var sent = false;
            foreach (var use in Uses(reference.Local, root))
            {
                if (use == reference && !sent)
                {
                    sent = true;
                }
                else if (add == null
                    && use.Parent is IInvocationOperation { TargetMethod.Name: "AddUserMessage" } call
                    && call.Instance == use
                    && call.Syntax.SpanStart < request.Syntax.SpanStart)
                {
                    add = call;
                }
                else
                {
                    return null;
                }

                if (CrossesLoopOrLambda(use, declarator))
                {
                    return null;
                }
            }

            return sent && add != null ? StringArgument(add.Arguments, "content") : null;
        }

        /// <summary>
        /// The value a local holds when the request is its only reader (<c>var messages = new List&lt;ChatMessage&gt; { ... };
        /// await chat.CompleteChatAsync(messages);</c>): its initializer, when it is never assigned again, added to or
        /// passed elsewhere, and not read inside a loop or lambda it is declared outside of. Any other value is returned as is.
        /// </summary>
        private static IOperation HeldValue(IOperation value, IInvocationOperation request, IOperation root)
        {
            if (!(value is ILocalReferenceOperation reference)
                || !(Declarator(reference.Local, root) is { Initializer.Value: { } initial } declarator)
                || CrossesLoopOrLambda(reference, declarator))
            {
                return value;
            }

            foreach (var use in Uses(reference.Local, root))
            {
                if (use != reference)
                {
                    return value;
                }
            }

            return KnownPromptSymbols.Unwrap(initial);
        }

        private static IVariableDeclaratorOperation? Declarator(ILocalSymbol local, IOperation root)
        {
            if (local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator;
                }
            }

            return null;
        }

        private static IEnumerable<ILocalReferenceOperation> Uses(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    yield return reference;
                }
            }
        }

        /// <summary>Whether a loop, lambda or local function lies between the use and the local's declaration (the use may run more than once per list).</summary>
        private static bool CrossesLoopOrLambda(IOperation use, IOperation declarator)
        {
            var declared = declarator.Syntax.Span;
            for (var current = use.Parent; current != null && !current.Syntax.Span.Contains(declared); current = current.Parent)
            {
                // A foreach's collection (`await foreach (var u in agent.RunStreamingAsync(message))`) runs once.
                if ((current is ILoopOperation && !(current is IForEachLoopOperation loop && loop.Collection.Syntax.Span.Contains(use.Syntax.Span)))
                    || current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? Root(IOperation operation)
        {
            var root = operation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            return root == operation ? null : root;
        }
    }
}
