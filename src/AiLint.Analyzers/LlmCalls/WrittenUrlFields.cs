using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// The URL of a raw POST read from a field the constructors write more than once (review76 repro-1,
    /// EconomiaUNMSM/FinSim-AI: <c>if (provider == "openai") { _baseUrl = "https://api.openai.com/v1/chat/completions"; }
    /// else { _baseUrl = "https://openrouter.ai/api/v1/chat/completions"; }</c>, then <c>PostAsync(_baseUrl, content)</c>).
    /// The ordinary reading (<see cref="RawHttpLlmCalls.UrlText(IOperation, CancellationToken)"/>) follows a field
    /// assigned once; AIL0501's base-address reading already follows every write, so the two readers disagreed. A field
    /// counts here when it is <c>readonly</c> or private, every write the code makes to it (found by
    /// <see cref="WrittenValues"/>, as AIL0501's reader finds them) is in a constructor or its initializer, and every
    /// written value reads, the ordinary way, as a generation endpoint (<see cref="EndpointKind.Generation"/>). One write
    /// the code does not spell (a parameter, configuration), one non-LLM URL, one write in another method leaves the URL
    /// unknown: precision first.
    /// </summary>
    internal static class WrittenUrlFields
    {
        /// <summary>
        /// The URL text of <paramref name="operand"/> (the field, or <c>new Uri(field)</c>) when the field is written as
        /// above: the first write's text when every write spells the same one or one on the same provider host;
        /// otherwise, when every write names the same kind of API, the first one's path behind a hole (<see cref="LlmEndpoints.Hole"/>), so no single write's host
        /// (OpenAI's beside OpenRouter's) is taken for the request's. Null in every other case.
        /// </summary>
        public static string? Text(RawHttpLlmCalls calls, IOperation operand, CancellationToken cancellationToken)
        {
            var value = OperationValues.Unwrap(operand);
            if (value is IObjectCreationOperation { Arguments.Length: 1 } creation
                && creation.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                // new Uri(_baseUrl)
                value = OperationValues.Unwrap(creation.Arguments[0].Value);
            }

            if (value is not IFieldReferenceOperation { Field: var field }
                || !(field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private)
                || field.IsConst
                || field.Type.SpecialType != SpecialType.System_String && !calls.IsUri(field.Type)
                || !SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, calls.Compilation.Assembly))
            {
                return null;
            }

            var texts = new List<string>();
            foreach (var written in WrittenValues.Of(field, calls.Compilation, cancellationToken))
            {
                if (!InConstructionOf(written.Syntax, field)
                    || calls.UrlText(written, cancellationToken) is not { } text
                    || LlmEndpoints.Classify(text) != EndpointKind.Generation)
                {
                    return null;
                }

                texts.Add(text);
            }

            if (texts.Count < 2)
            {
                // No write, or the one the ordinary reading follows already.
                return null;
            }

            // Every write on one provider host (OpenAI's chat/completions or responses): the host is known, so the
            // readers of the body (AIL0501's OpenAI ids) may rely on it.
            var host = LlmEndpoints.HostOf(texts[0]);
            if (texts.All(text => text == texts[0]) || (host != LlmHost.None && texts.All(text => LlmEndpoints.HostOf(text) == host)))
            {
                return texts[0];
            }

            var api = LlmEndpoints.ApiOf(texts[0]);
            return texts.All(text => LlmEndpoints.ApiOf(text) == api) ? LlmEndpoints.Hole + PathOf(texts[0]) : null;
        }

        // A write in a constructor of the field's type (static ones for a static field) or in the field's own initializer.
        private static bool InConstructionOf(SyntaxNode written, IFieldSymbol field)
        {
            foreach (var ancestor in written.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        // A lambda may run later, and more than once.
                        return false;
                    case ConstructorDeclarationSyntax constructor:
                        return constructor.Modifiers.Any(m => m.ValueText == "static") == field.IsStatic;
                    case FieldDeclarationSyntax:
                        return true;
                    case MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        // "https://openrouter.ai/api/v1/chat/completions" -> "/api/v1/chat/completions".
        private static string PathOf(string url)
        {
            var scheme = url.IndexOf("://", StringComparison.Ordinal);
            var slash = scheme < 0 ? 0 : url.IndexOf('/', scheme + 3);
            return slash < 0 ? url : url.Substring(slash);
        }
    }
}
