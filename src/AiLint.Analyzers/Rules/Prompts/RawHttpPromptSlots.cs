using System;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// System slots of requests an app sends over plain <c>HttpClient</c>, without an SDK: the POSTs AIL0001 counts as LLM
    /// calls (<see cref="RawHttpLlmCalls.RecognizedUrl"/>, the same URL reading and corroboration), read in the body the
    /// code builds or the JSON text it gives <c>StringContent</c> (<see cref="RequestBodyShape"/>; in text, a value inserted
    /// inside the quotes, <c>\"content\": \"{prompt}\"</c>). Per endpoint (<see cref="LlmEndpoints.ApiOf"/>):
    /// <list type="bullet">
    /// <item>OpenAI-compatible and Azure <c>.../chat/completions</c>, Anthropic <c>/v1/messages</c>, Ollama <c>/api/chat</c>:
    /// each element of <c>messages</c> whose <c>role</c> is the constant <c>"system"</c> or <c>"developer"</c>, its
    /// <c>content</c> (a string, or the <c>text</c> of its content parts);</item>
    /// <item>OpenAI Responses (<c>/v1/responses</c>): <c>instructions</c>, and system/developer items of an <c>input</c> list;</item>
    /// <item>Anthropic: the top-level <c>system</c> (a string, or the <c>text</c> of its blocks);</item>
    /// <item>Ollama <c>/api/generate</c>: <c>system</c>;</item>
    /// <item>Gemini <c>...:generateContent</c>: the <c>text</c> of <c>system_instruction</c>/<c>systemInstruction</c>'s parts.</item>
    /// </list>
    /// A body the caller builds and a project helper posts is read at the caller's argument, and so are the messages of a
    /// list the caller builds and a helper wraps as its body's <c>messages</c> (<see cref="HelperPostedBodies"/>), or hands
    /// through an interface whose implementations do (<see cref="ContractPostedMessageLists"/>).
    /// The value found is handed to the same flow as an SDK slot's (<see cref="PromptFlow"/>). A role the code chooses at
    /// run time, and the user's turn, are not prompts here; a connectivity probe's constant request
    /// (<see cref="ProbeRequests"/>) carries none.
    /// </summary>
    internal sealed partial class RawHttpPromptSlots
    {
        private readonly Compilation compilation;
        private readonly Lazy<RawHttpLlmCalls> calls;
        private readonly Lazy<HelperPostedBodies> helperBodies;
        private readonly Lazy<ContractPostedMessageLists> contractLists;
        private readonly Lazy<bool> mayOccur;

        public RawHttpPromptSlots(Compilation compilation)
        {
            this.compilation = compilation;
            calls = new Lazy<RawHttpLlmCalls>(() => new RawHttpLlmCalls(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
            helperBodies = new Lazy<HelperPostedBodies>(() => new HelperPostedBodies(compilation, calls.Value), LazyThreadSafetyMode.ExecutionAndPublication);
            contractLists = new Lazy<ContractPostedMessageLists>(() => new ContractPostedMessageLists(compilation, calls.Value), LazyThreadSafetyMode.ExecutionAndPublication);

            // The endpoint must be spelled in the source or the settings files the raw-HTTP reading was prepared with
            // (at compilation start, before this is read): without one no raw call is recognised (a text scan, once).
            mayOccur = new Lazy<bool>(() => calls.Value.IsAvailable && LlmEndpoints.MayAppearInSource(compilation, Models.RawHttpBaseAddresses.SettingsFiles(compilation)), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>Whether a raw LLM request can occur in the compilation at all.</summary>
        public bool MayOccur => mayOccur.Value;

        /// <summary>Adds the system text <paramref name="invocation"/> sends, when it is a raw HTTP LLM call.</summary>
        public void FindSlotValues(IInvocationOperation invocation, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            var http = calls.Value;
            string urlText;
            IOperation? bodyOperand;
            if (!http.IsCandidate(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod))
            {
                // A list the caller builds and hands through the project's client interface to the class that posts it.
                if (invocation.TargetMethod.IsAbstract)
                {
                    AddContractListMessages(invocation, results, cancellationToken);
                    return;
                }

                // A body the caller builds and a project helper posts (HelperPostedBodies): read at the caller's argument.
                if (!MayBeHelper(invocation.TargetMethod))
                {
                    return;
                }

                if (helperBodies.Value.Find(invocation, cancellationToken) is not { } helper)
                {
                    AddHelperListMessages(invocation, results, cancellationToken);
                    return;
                }

                (urlText, bodyOperand) = (helper.UrlText, helper.Body);
            }
            else if (http.RecognizedUrl(invocation, cancellationToken) is { Text: var recognized })
            {
                (urlText, bodyOperand) = (recognized, http.BodyOperand(invocation, cancellationToken));
            }
            else
            {
                return;
            }

            if (bodyOperand is null || RequestBodyShape.Of(bodyOperand, compilation, cancellationToken).Object is not { } body)
            {
                return;
            }

            var before = results.Count;
            var path = PathEnd(urlText);
            switch (LlmEndpoints.ApiOf(urlText))
            {
                case EndpointApi.Gemini:
                    AddGeminiInstruction(body, results, cancellationToken);
                    break;
                case EndpointApi.Anthropic:
                    AddText(SystemMember(body, "system"), results, cancellationToken);
                    AddSystemMessages(body.Member("messages"), results, cancellationToken);
                    break;
                case EndpointApi.Ollama when path.EndsWith("/generate", StringComparison.Ordinal):
                    AddString(body.Member("system"), results);
                    break;
                case EndpointApi.Ollama:
                    AddSystemMessages(body.Member("messages"), results, cancellationToken);
                    break;
                default:
                    if (path.EndsWith("/responses", StringComparison.Ordinal))
                    {
                        AddString(body.Member("instructions"), results);
                        AddSystemMessages(body.Member("input"), results, cancellationToken);
                    }
                    else
                    {
                        AddSystemMessages(body.Member("messages"), results, cancellationToken);
                    }

                    break;
            }

            // No system text: a body whose only message is the user's is a single-turn request (OneUserMessageRequests).
            if (results.Count == before && SingleTurnText(body, urlText, cancellationToken) is { } singleTurn)
            {
                results.Add(new PromptSlot(singleTurn, isSingleTurn: true));
            }

            // A settings page's "test connection" request: every part constant, the answer only tested (ProbeRequests).
            if (results.Count > before && ProbeRequests.IsPlainSdkCall(invocation) && ProbeRequests.IsConstantCallWithTestedAnswer(invocation))
            {
                results.RemoveRange(before, results.Count - before);
            }
        }

        /// <summary>
        /// The system messages of a list the caller builds and hands to a project helper that makes it the
        /// <c>messages</c> (Responses: <c>input</c>) of the body it posts (<see cref="HelperPostedBodies.FindList"/>), read
        /// as in a body written at the POST: only a list built for that call (<see cref="CallerBuiltMessageLists"/>), and
        /// only where the endpoint reads that member. A list of one user message is not judged as a single-turn request
        /// here: the helper's body may carry instructions of its own.
        /// </summary>
        private void AddHelperListMessages(IInvocationOperation invocation, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (helperBodies.Value.FindList(invocation, cancellationToken) is { ListMember: { } member } helper
                && member == ConversationMember(helper.UrlText)
                && CallerBuiltMessageLists.IsBuiltForTheCall(helper.Body, invocation.TargetMethod))
            {
                AddSystemMessages(new BodyValue(helper.Body), results, cancellationToken);
            }
        }

        /// <summary>
        /// The system messages of a list the caller builds and hands through an interface or abstract method whose every
        /// implementation posts it as the body's conversation (<see cref="ContractPostedMessageLists"/>), read as for a helper.
        /// </summary>
        private void AddContractListMessages(IInvocationOperation invocation, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (contractLists.Value.FindList(invocation, cancellationToken) is { } list
                && CallerBuiltMessageLists.IsBuiltForTheCall(list, invocation.TargetMethod))
            {
                AddSystemMessages(new BodyValue(list), results, cancellationToken);
            }
        }

        /// <summary>The body member an endpoint reads its messages from, or null for one without a message list read here.</summary>
        internal static string? ConversationMember(string urlText) =>
            LlmEndpoints.ApiOf(urlText) switch
            {
                EndpointApi.Gemini => null,
                EndpointApi.Ollama when PathEnd(urlText).EndsWith("/generate", StringComparison.Ordinal) => null,
                EndpointApi.Anthropic or EndpointApi.Ollama => "messages",
                _ => PathEnd(urlText).EndsWith("/responses", StringComparison.Ordinal) ? "input" : "messages",
            };

        /// <summary>A call to an ordinary method of the project, which may post a body it is given (a cheap test first).</summary>
        private bool MayBeHelper(IMethodSymbol method) =>
            method.MethodKind == MethodKind.Ordinary && SourceBodies.IsInSource(method, compilation);

        /// <summary>
        /// The text of a request that is one user message and nothing else, as the string overloads of the SDKs are
        /// (<see cref="SingleTurnInstruction"/> decides whether it is the app's instruction): a <c>messages</c> list
        /// (chat completions, Anthropic, Ollama's <c>/api/chat</c>) or a Responses <c>input</c> list whose one element has
        /// the constant role <c>"user"</c> and a string <c>content</c>, or a Responses <c>input</c> that is a string. Not
        /// when the body carries a system part the endpoint reads elsewhere (<c>system</c>, <c>instructions</c>,
        /// <c>system_instruction</c>), nor for text spelled inside JSON text (read as the code's own string only).
        /// </summary>
        private IOperation? SingleTurnText(BodyObject body, string urlText, CancellationToken cancellationToken)
        {
            var api = LlmEndpoints.ApiOf(urlText);
            if (api == EndpointApi.Gemini
                || SystemMember(body, "system") is not null || body.Member("instructions") is not null || body.Member("system_instruction") is not null
                || (api == EndpointApi.Ollama && PathEnd(urlText).EndsWith("/generate", StringComparison.Ordinal)))
            {
                return null;
            }

            var responses = PathEnd(urlText).EndsWith("/responses", StringComparison.Ordinal);
            if (body.Member(responses ? "input" : "messages") is not { } messages)
            {
                return null;
            }

            if (responses && StringOperation(messages) is { } input)
            {
                return input;
            }

            var elements = RequestBodyShape.Elements(messages, compilation, cancellationToken);
            return elements.Count == 1
                && RequestBodyShape.ObjectOf(elements[0], compilation, cancellationToken) is { } message
                && message.Member("role")?.ConstantString == "user"
                && message.Member("content") is { } content
                    ? StringOperation(content)
                    : null;
        }

        /// <summary>A string-typed value the code writes into the body (possibly converted to object), or null.</summary>
        private static IOperation? StringOperation(BodyValue value) =>
            value.Operation is { } operation && KnownPromptSymbols.Unwrap(operation).Type?.SpecialType == SpecialType.System_String
                ? operation
                : null;

        /// <summary>The <c>content</c> of each message whose role is the constant "system" or "developer".</summary>
        private void AddSystemMessages(BodyValue? messages, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (messages is not { } list || AddHelperReturnedMessages(list, results, cancellationToken))
            {
                return;
            }

            foreach (var element in RequestBodyShape.Elements(list, compilation, cancellationToken))
            {
                if (RequestBodyShape.ObjectOf(element, compilation, cancellationToken) is { } message
                    && message.Member("role")?.ConstantString is "system" or "developer")
                {
                    AddText(message.Member("content"), results, cancellationToken);
                }
            }
        }

        /// <summary>A string, or the <c>text</c> of each part of a list of content parts or text blocks.</summary>
        private void AddText(BodyValue? value, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (value is not { } text || AddString(text, results))
            {
                return;
            }

            foreach (var part in RequestBodyShape.Elements(text, compilation, cancellationToken))
            {
                if (RequestBodyShape.ObjectOf(part, compilation, cancellationToken) is { } block)
                {
                    AddString(block.Member("text"), results);
                }
            }
        }

        /// <summary>Gemini's <c>system_instruction: { parts: [{ text }] }</c>; <c>parts</c> may be a single part.</summary>
        private void AddGeminiInstruction(BodyObject body, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (SystemMember(body, "system_instruction") is not { } instruction
                || RequestBodyShape.ObjectOf(instruction, compilation, cancellationToken) is not { } content
                || content.Member("parts") is not { } parts)
            {
                return;
            }

            if (RequestBodyShape.ObjectOf(parts, compilation, cancellationToken) is { } single && single.Member("text") is { } text)
            {
                AddString(text, results);
                return;
            }

            AddText(parts, results, cancellationToken);
        }

        /// <summary>
        /// A top-level system member (Anthropic's <c>system</c>, Gemini's <c>system_instruction</c>) written in the body's
        /// creation, or set on a dictionary body after it (<c>body["system"] = systemPrompt;</c>, <see cref="LaterSetBodyKeys"/>).
        /// </summary>
        private static BodyValue? SystemMember(BodyObject body, string name)
        {
            if (body.Member(name) is { } written)
            {
                return written;
            }

            var wanted = RequestBodyShape.Normalize(name);
            foreach (var member in LaterSetBodyKeys.Of(body))
            {
                if (RequestBodyShape.Normalize(member.Key) == wanted)
                {
                    return member.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// Adds a string-typed value the code writes (possibly converted to object or a JSON node), or inserts into JSON
        /// text inside quotes (<c>\"content\": \"{prompt}\"</c>), as a slot; or a string JSON text spells, as its prompt.
        /// </summary>
        private static bool AddString(BodyValue? value, List<PromptSlot> results)
        {
            if (value?.Text is JsonTextString { Constant: { } text } spelled)
            {
                // "content": "You are ..." spelled in the JSON text: the prompt is that text, where its literal spells it.
                if (spelled.SpelledBy is { } literal && spelled.Location is { } location && PromptFlow.SpelledInside(literal, text, location) is { } origin)
                {
                    results.Add(new PromptSlot(literal, origin));
                }

                return true;
            }

            if (value?.Operation is not { } operation || KnownPromptSymbols.Unwrap(operation).Type?.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            results.Add(new PromptSlot(operation, isSingleTurn: false));
            return true;
        }

        /// <summary>The URL's path without query and trailing slashes, for the endpoint's last segment.</summary>
        private static string PathEnd(string url)
        {
            var end = url.IndexOfAny(new[] { '?', '#' });
            var path = end < 0 ? url : url.Substring(0, end);
            return "/" + path.TrimEnd('/');
        }
    }
}
