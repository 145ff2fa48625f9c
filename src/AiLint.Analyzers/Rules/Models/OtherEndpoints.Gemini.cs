using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Among the slots that send the id to another server (<see cref="SendsElsewhere"/>), those whose server is visibly
    /// Gemini's OpenAI-compatible endpoint (<c>https://generativelanguage.googleapis.com/v1beta/openai/</c>, the host
    /// <see cref="SpelledProviderHosts"/> gives to Gemini): the client is created, in the code at hand, with
    /// <c>OpenAIClientOptions</c> whose <c>Endpoint</c> is that URL (a literal, or a local, <c>readonly</c> field or constant
    /// holding it) and no <c>Transport</c>, or Semantic Kernel's <c>endpoint</c> <c>Uri</c> is. Gemini then answers the
    /// id and retires it on Gemini's dates, so the table's Gemini rows apply there. An endpoint the code does not show (a
    /// settings read, a parameter), or any other redirect beside it (an <c>HttpClient</c> of the project's own), keeps the
    /// slot another server's.
    /// </summary>
    internal static partial class OtherEndpoints
    {
        private enum Target
        {
            None,
            Gemini,
            Elsewhere,
        }

        /// <summary>Whether the call's model argument goes to Gemini's OpenAI-compatible endpoint, as the code in view spells it.</summary>
        public static bool SendsToGemini(IOperation call, KnownModelSymbols symbols, CancellationToken cancellationToken)
        {
            switch (call)
            {
                case IInvocationOperation invocation:
                    var receiver = invocation.Instance == null ? Target.None
                        : ClientAtGemini(invocation.Instance, symbols, cancellationToken, depth: 0) ? Target.Gemini
                        : ClientElsewhere(invocation.Instance, symbols, cancellationToken, depth: 0, inScan: false) ? Target.Elsewhere
                        : Target.None;
                    var arguments = ArgumentsTarget(invocation.Arguments, symbols, cancellationToken, depth: 0);
                    return receiver != Target.Elsewhere
                        && (arguments == Target.Gemini || (receiver == Target.Gemini && arguments == Target.None));
                case IObjectCreationOperation creation:
                    return ArgumentsTarget(creation.Arguments, symbols, cancellationToken, depth: 0) == Target.Gemini;
                default:
                    return false;
            }
        }

        // Where the arguments that can point a client send it: Gemini when one does and none points elsewhere.
        private static Target ArgumentsTarget(IEnumerable<IArgumentOperation> arguments, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth)
        {
            var target = Target.None;
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

                Target here;
                if (symbols.IsOpenAIClientOptions(type))
                {
                    here = OptionsAtGemini(value, cancellationToken) ? Target.Gemini
                        : OptionsRedirect(value, symbols, cancellationToken) ? Target.Elsewhere : Target.None;
                }
                else if (symbols.IsHttpClient(type))
                {
                    here = HttpClientRedirects(value, symbols, cancellationToken) ? Target.Elsewhere : Target.None;
                }
                else if (type.Name == "Uri" && type.ContainingNamespace?.ToDisplayString() == "System")
                {
                    here = IsGeminiUrl(value, cancellationToken) ? Target.Gemini
                        : IsOpenAIUrl(value, cancellationToken) ? Target.None : Target.Elsewhere;
                }
                else if (symbols.IsOpenAIClientType(type))
                {
                    here = ClientAtGemini(value, symbols, cancellationToken, depth) ? Target.Gemini
                        : ClientElsewhere(value, symbols, cancellationToken, depth, inScan: false) ? Target.Elsewhere : Target.None;
                }
                else
                {
                    continue;
                }

                if (here == Target.Elsewhere)
                {
                    return Target.Elsewhere;
                }

                if (here == Target.Gemini)
                {
                    target = Target.Gemini;
                }
            }

            return target;
        }

        // A client created here (or got from one: `new OpenAIClient(...).GetChatClient(...)`), or held in a local or field
        // every write of which creates one, for Gemini's endpoint.
        private static bool ClientAtGemini(IOperation client, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth)
        {
            client = ModelIdValue.Unwrap(client);
            if (depth > 3 || !symbols.IsOpenAIClientType(client.Type))
            {
                return false;
            }

            switch (client)
            {
                case IObjectCreationOperation creation:
                    return ArgumentsTarget(creation.Arguments, symbols, cancellationToken, depth + 1) == Target.Gemini;
                case IInvocationOperation { Instance: { } instance }:
                    return ClientAtGemini(instance, symbols, cancellationToken, depth + 1);
                case ILocalReferenceOperation { Local: var local } when client.SemanticModel?.Compilation is { } compilation:
                    return AllWritesAtGemini(WrittenValues.Of(local, compilation, cancellationToken).ToList(), symbols, cancellationToken, depth);
                case IFieldReferenceOperation { Field: var field } when client.SemanticModel?.Compilation is { } compilation:
                    return AllWritesAtGemini(WrittenValues.Of(field, compilation, cancellationToken).ToList(), symbols, cancellationToken, depth);
                default:
                    return false;
            }
        }

        private static bool AllWritesAtGemini(List<IOperation> writes, KnownModelSymbols symbols, CancellationToken cancellationToken, int depth) =>
            writes.Count > 0 && writes.TrueForAll(written => ModelIdValue.Unwrap(written) is IObjectCreationOperation or IInvocationOperation { Instance: not null }
                && ClientAtGemini(written, symbols, cancellationToken, depth + 1));

        // Options built in view whose Endpoint is Gemini's, with no Transport of their own.
        private static bool OptionsAtGemini(IOperation options, CancellationToken cancellationToken)
        {
            if (BuiltInView(options, cancellationToken) is not { } built)
            {
                return false;
            }

            var atGemini = false;
            foreach (var (property, value) in built.Sets)
            {
                var set = ModelIdValue.Unwrap(value);
                if (IsNull(set))
                {
                    continue;
                }

                if (property == "Transport" || (property == "Endpoint" && !IsGeminiUrl(set, cancellationToken)))
                {
                    return false;
                }

                atGemini |= property == "Endpoint";
            }

            return atGemini;
        }

        /// <summary>
        /// <c>new Uri("https://generativelanguage.googleapis.com/v1beta/openai/")</c> or the string itself, or a local,
        /// <c>readonly</c> field or constant holding either (<see cref="EndpointHolders"/>); not a literal still being typed.
        /// </summary>
        private static bool IsGeminiUrl(IOperation value, CancellationToken cancellationToken, int depth = 0)
        {
            value = ModelIdValue.Unwrap(value);
            if (value is IObjectCreationOperation { Arguments.Length: 1 } uri)
            {
                value = ModelIdValue.Unwrap(uri.Arguments[0].Value);
            }

            if (value.ConstantValue is { HasValue: true, Value: string url })
            {
                return !value.Syntax.ContainsDiagnostics
                    && Uri.TryCreate(url, UriKind.Absolute, out _)
                    && SpelledProviderHosts.ProviderOf(url) == RawHttpModelIds.GeminiProvider;
            }

            return depth < 3
                && EndpointHolders.HeldValues(value, cancellationToken) is { Count: > 0 } held
                && held.All(written => IsGeminiUrl(written, cancellationToken, depth + 1));
        }
    }
}
