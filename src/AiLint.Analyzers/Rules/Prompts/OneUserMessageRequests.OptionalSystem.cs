using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>A wrapper's user-text parameter that is the whole request unless the caller gives its optional system parameter.</summary>
    internal readonly struct OptionalSystemRequest
    {
        public OptionalSystemRequest(IParameterSymbol user, IParameterSymbol system)
        {
            User = user;
            System = system;
        }

        /// <summary>The parameter sent as the user message (original definition).</summary>
        public IParameterSymbol User { get; }

        /// <summary>The parameter sent as the system message only when given (original definition).</summary>
        public IParameterSymbol System { get; }
    }

    internal sealed partial class OneUserMessageRequests
    {
        /// <summary>
        /// A project wrapper that adds a system message only when its caller gives one (review63 TennisGPT, Talles):
        /// <code>
        /// var messages = new List&lt;ChatMessage&gt;();
        /// if (!string.IsNullOrWhiteSpace(systemPrompt)) messages.Add(new SystemChatMessage(systemPrompt));
        /// messages.Add(new UserChatMessage(prompt));
        /// await chat.CompleteChatAsync(messages);
        /// </code>
        /// A call that leaves <c>systemPrompt</c> out sends <c>prompt</c> alone, a single-turn request; a call that gives
        /// it sends a conversation. Read only in this shape: a list local created empty, read by the request once and
        /// otherwise only added to, in the declaration's own block, by one unconditional <c>Add</c> of a user message of
        /// a parameter and one <c>Add</c> of a system message (any slot the SDK tables know) of another parameter, alone
        /// under an <c>if</c> (no <c>else</c>) whose condition reads that parameter. Anything else returns null.
        /// </summary>
        public OptionalSystemRequest? OptionalSystem(IInvocationOperation request, KnownPromptSymbols symbols)
        {
            if (MessagesArgument(request) is not { } messages
                || KnownPromptSymbols.Unwrap(messages) is not ILocalReferenceOperation list
                || Root(request) is not { } root
                || Declarator(list.Local, root) is not { Initializer.Value: { } initial } declarator
                || !(KnownPromptSymbols.Unwrap(initial) is IObjectCreationOperation { Arguments.IsEmpty: true } creation)
                || creation.Initializer is { Initializers.IsEmpty: false }
                || declarator.Parent?.Parent?.Parent is not IBlockOperation block
                || InstructedRequests.CarriesInstructions(request, symbols))
            {
                return null;
            }

            IParameterSymbol? user = null;
            IParameterSymbol? system = null;
            var sent = false;
            foreach (var use in Uses(list.Local, root))
            {
                if (CrossesLoopOrLambda(use, declarator))
                {
                    return null;
                }

                if (use == list)
                {
                    sent = true;
                    continue;
                }

                if (!(use.Parent is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add)
                    || add.Instance != use
                    || add.Syntax.SpanStart > request.Syntax.SpanStart
                    || !(add.Parent is IExpressionStatementOperation statement))
                {
                    return null;
                }

                var added = KnownPromptSymbols.Unwrap(add.Arguments[0].Value);
                if (statement.Parent == block && user == null && ParameterOf(UserText(added)) is { } userParameter)
                {
                    user = userParameter;
                }
                else if (system == null && SystemParameter(added, symbols) is { } systemParameter && IsAloneUnderTestOf(statement, systemParameter, block))
                {
                    system = systemParameter;
                }
                else
                {
                    return null;
                }
            }

            return sent && user != null && system != null && !SymbolEqualityComparer.Default.Equals(user, system)
                ? new OptionalSystemRequest(user, system)
                : null;
        }

        /// <summary>The string parameter of an ordinary method (the request's own: a lambda's is not ordinary) that <paramref name="value"/> reads whole.</summary>
        private static IParameterSymbol? ParameterOf(IOperation? value) =>
            value != null
            && KnownPromptSymbols.Unwrap(value) is IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_String } parameter }
            && parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary }
                ? parameter.OriginalDefinition
                : null;

        /// <summary>The parameter a system message of a known SDK carries whole (<c>new SystemChatMessage(systemPrompt)</c>).</summary>
        private static IParameterSymbol? SystemParameter(IOperation message, KnownPromptSymbols symbols)
        {
            var slots = new List<PromptSlot>(1);
            symbols.FindSlotValues(message, slots);
            return slots.Count == 1 && !slots[0].IsSingleTurn ? ParameterOf(slots[0].Value) : null;
        }

        /// <summary>
        /// Whether the statement is the only statement under an <c>if</c> without <c>else</c>, directly in
        /// <paramref name="block"/>, whose condition reads <paramref name="parameter"/> (a null or empty test).
        /// </summary>
        private static bool IsAloneUnderTestOf(IExpressionStatementOperation statement, IParameterSymbol parameter, IBlockOperation block)
        {
            var parent = statement.Parent is IBlockOperation { Operations.Length: 1 } inner ? inner.Parent : statement.Parent;
            if (!(parent is IConditionalOperation { WhenFalse: null } test) || test.Parent != block)
            {
                return false;
            }

            foreach (var operation in test.Condition.DescendantsAndSelf())
            {
                if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
