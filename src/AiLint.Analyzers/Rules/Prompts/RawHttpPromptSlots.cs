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
    /// calls (<see cref="RawHttpLlmCalls.Recognize"/>, the same URL reading and corroboration), read in the body the code
    /// builds (<see cref="RequestBodyMembers"/>). Per endpoint (<see cref="LlmEndpoints.ApiOf"/>):
    /// <list type="bullet">
    /// <item>OpenAI-compatible and Azure <c>.../chat/completions</c>, Anthropic <c>/v1/messages</c>, Ollama <c>/api/chat</c>:
    /// each element of <c>messages</c> whose <c>role</c> is the constant <c>"system"</c> or <c>"developer"</c>, its
    /// <c>content</c> (a string, or the <c>text</c> of its content parts);</item>
    /// <item>OpenAI Responses (<c>/v1/responses</c>): <c>instructions</c>, and system/developer items of an <c>input</c> list;</item>
    /// <item>Anthropic: the top-level <c>system</c> (a string, or the <c>text</c> of its blocks);</item>
    /// <item>Ollama <c>/api/generate</c>: <c>system</c>;</item>
    /// <item>Gemini <c>...:generateContent</c>: the <c>text</c> of <c>system_instruction</c>/<c>systemInstruction</c>'s parts.</item>
    /// </list>
    /// The value found is handed to the same flow as an SDK slot's (<see cref="PromptFlow"/>). A role the code chooses at
    /// run time, and the user's turn, are not prompts here; a connectivity probe's constant request
    /// (<see cref="ProbeRequests"/>) carries none.
    /// </summary>
    internal sealed class RawHttpPromptSlots
    {
        private readonly Compilation compilation;
        private readonly Lazy<RawHttpLlmCalls> calls;
        private readonly Lazy<bool> mayOccur;

        public RawHttpPromptSlots(Compilation compilation)
        {
            this.compilation = compilation;
            calls = new Lazy<RawHttpLlmCalls>(() => new RawHttpLlmCalls(compilation), LazyThreadSafetyMode.ExecutionAndPublication);

            // The endpoint must be spelled in the source: without one no raw call is recognised (a text scan, once).
            mayOccur = new Lazy<bool>(() => calls.Value.IsAvailable && LlmEndpoints.MayAppearInSource(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>Whether a raw LLM request can occur in the compilation at all.</summary>
        public bool MayOccur => mayOccur.Value;

        /// <summary>Adds the system text <paramref name="invocation"/> sends, when it is a raw HTTP LLM call.</summary>
        public void FindSlotValues(IInvocationOperation invocation, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            var http = calls.Value;
            if (!http.IsCandidate(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod)
                || !http.Recognize(invocation, cancellationToken).IsLlmCall
                || http.UrlOperand(invocation, cancellationToken) is not { } url
                || http.UrlText(url, cancellationToken) is not { } urlText
                || http.BodyOperand(invocation, cancellationToken) is not { } bodyOperand
                || RequestBodyMembers.ObjectOf(bodyOperand, compilation, cancellationToken) is not { } body)
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
                    AddText(RequestBodyMembers.Member(body, "system"), results, cancellationToken);
                    AddSystemMessages(RequestBodyMembers.Member(body, "messages"), results, cancellationToken);
                    break;
                case EndpointApi.Ollama when path.EndsWith("/generate", StringComparison.Ordinal):
                    AddString(RequestBodyMembers.Member(body, "system"), results);
                    break;
                case EndpointApi.Ollama:
                    AddSystemMessages(RequestBodyMembers.Member(body, "messages"), results, cancellationToken);
                    break;
                default:
                    if (path.EndsWith("/responses", StringComparison.Ordinal))
                    {
                        AddString(RequestBodyMembers.Member(body, "instructions"), results);
                        AddSystemMessages(RequestBodyMembers.Member(body, "input"), results, cancellationToken);
                    }
                    else
                    {
                        AddSystemMessages(RequestBodyMembers.Member(body, "messages"), results, cancellationToken);
                    }

                    break;
            }

            // A settings page's "test connection" request: every part constant, the answer only tested (ProbeRequests).
            if (results.Count > before && ProbeRequests.IsPlainSdkCall(invocation) && ProbeRequests.IsConstantCallWithTestedAnswer(invocation))
            {
                results.RemoveRange(before, results.Count - before);
            }
        }

        /// <summary>The <c>content</c> of each message whose role is the constant "system" or "developer".</summary>
        private void AddSystemMessages(IOperation? messages, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (messages == null)
            {
                return;
            }

            foreach (var element in RequestBodyMembers.Elements(messages, compilation, cancellationToken))
            {
                if (RequestBodyMembers.ObjectOf(element, compilation, cancellationToken) is { } message
                    && RequestBodyMembers.Member(message, "role") is { } role
                    && OperationValues.Unwrap(role).ConstantValue.Value is "system" or "developer")
                {
                    AddText(RequestBodyMembers.Member(message, "content"), results, cancellationToken);
                }
            }
        }

        /// <summary>A string, or the <c>text</c> of each part of a list of content parts or text blocks.</summary>
        private void AddText(IOperation? value, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (value == null)
            {
                return;
            }

            if (AddString(value, results))
            {
                return;
            }

            foreach (var part in RequestBodyMembers.Elements(value, compilation, cancellationToken))
            {
                if (RequestBodyMembers.ObjectOf(part, compilation, cancellationToken) is { } block)
                {
                    AddString(RequestBodyMembers.Member(block, "text"), results);
                }
            }
        }

        /// <summary>Gemini's <c>system_instruction: { parts: [{ text }] }</c>; <c>parts</c> may be a single part.</summary>
        private void AddGeminiInstruction(IOperation body, List<PromptSlot> results, CancellationToken cancellationToken)
        {
            if (RequestBodyMembers.Member(body, "system_instruction") is not { } instruction
                || RequestBodyMembers.ObjectOf(instruction, compilation, cancellationToken) is not { } content
                || RequestBodyMembers.Member(content, "parts") is not { } parts)
            {
                return;
            }

            if (RequestBodyMembers.ObjectOf(parts, compilation, cancellationToken) is { } single && RequestBodyMembers.Member(single, "text") is { } text)
            {
                AddString(text, results);
                return;
            }

            AddText(parts, results, cancellationToken);
        }

        /// <summary>Adds a string-typed value (possibly converted to object or a JSON node) as a slot.</summary>
        private static bool AddString(IOperation? value, List<PromptSlot> results)
        {
            if (value == null || KnownPromptSymbols.Unwrap(value).Type?.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            results.Add(new PromptSlot(value, isSingleTurn: false));
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
