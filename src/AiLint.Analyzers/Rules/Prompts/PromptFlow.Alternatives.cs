// PromptFlow: values that are one of several: a prompt array's elements, a prompt dictionary's values, the branches of ?: and switch, a method's returns.
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    internal sealed partial class PromptFlow
    {
        /// <summary>
        /// The elements of an array of prompts read by index. An array also holds labels, questions and examples, so an
        /// element is a prompt only when its text instructs (<see cref="DataTemplate.QualifiesInAnyLanguage"/>); one
        /// written in a member's initializer is named after the member and its index (<c>Namespace.Type.prompts[0]</c>).
        /// </summary>
        private void ResolveArrayElements(ISymbol? member, List<(int Index, IOperation Element)> elements, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            var found = new List<PromptOrigin>();
            foreach (var (index, element) in elements)
            {
                if (!DataTemplate.QualifiesInAnyLanguage(element.ConstantValue.Value as string))
                {
                    continue;
                }

                found.Clear();
                Resolve(element, followParameters, depth + 1, found, cancellationToken);
                foreach (var origin in found)
                {
                    results.Add(member != null && origin.Declaration is { } declaration && IsWrittenAt(declaration, element)
                        ? PromptOrigin.Of(PromptDeclaration.Keyed(member, index.ToString(System.Globalization.CultureInfo.InvariantCulture), declaration))
                        : origin);
                }
            }
        }

        /// <summary>
        /// The values a lookup of a prompt dictionary may give (<see cref="DictionaryPrompts"/>), each followed as text
        /// written in the dictionary's initializer: a literal or template there is a prompt of its own, named after the
        /// dictionary and its key and reported on the value; a named constant keeps its name. <c>GetValueOrDefault</c>'s
        /// fallback is followed like the fallback of <c>??</c>.
        /// </summary>
        private void ResolveDictionaryRead(DictionaryRead read, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            var found = new List<PromptOrigin>();
            foreach (var entry in read.Entries)
            {
                found.Clear();
                Resolve(entry.Value, followParameters, depth + 1, found, cancellationToken);
                foreach (var origin in found)
                {
                    results.Add(origin.Declaration is { } declaration && IsWrittenAt(declaration, entry.Value)
                        ? PromptOrigin.Of(PromptDeclaration.Keyed(read.Dictionary.Member, DictionaryPrompts.KeyName(entry.Key), declaration))
                        : origin);
                }
            }

            Resolve(read.Fallback, followParameters, depth, results, cancellationToken);
        }

        /// <summary>
        /// The values one expression may take: the branches of <c>?:</c>, the arms of a <c>switch</c> expression, or the
        /// returns of a method. A returned template with data in it (<c>$"[{m.Date}] {m.Text}"</c> from a formatter) is a
        /// prompt only when its constant parts instruct: helpers also format memories and context for system messages.
        /// When one alternative formats data (a join of documents, a builder of memories, a data template) a literal
        /// written as another alternative (<c>docs.Count == 0 ? "No relevant documents were found." : string.Join(...)</c>,
        /// or the same as two returns) is a stand-in for that data, not a prompt, unless it instructs too. A named
        /// constant there (<c>return DefaultPrompt;</c>) and a literal next to a configured or loaded value
        /// (<c>File.ReadAllText(path)</c>, <c>settings.Prompt</c>: not data being formatted) are still prompts.
        /// </summary>
        private void ResolveAlternatives(IEnumerable<IOperation?> values, bool followParameters, int depth, bool returned, List<PromptOrigin> results, CancellationToken cancellationToken, bool singleTurn = false)
        {
            var fromValues = new List<(PromptOrigin Origin, IOperation Value)>();
            var formatsData = false;
            var found = new List<PromptOrigin>();
            foreach (var value in values)
            {
                if (value == null)
                {
                    continue;
                }

                found.Clear();
                Resolve(value, followParameters, depth, found, cancellationToken, singleTurn);
                var declared = false;
                foreach (var origin in found)
                {
                    fromValues.Add((origin, value));
                    declared |= origin.Declaration != null;
                    formatsData |= origin.Declaration is { HasHoles: true } formatted && !TemplateInstructs(formatted.Text, returned);
                }

                // Parameters among the data (`$"User profile: {profile}"`) are followed to their callers, but the
                // value itself is still data being formatted.
                formatsData |= !declared && FormatsData(value, cancellationToken);
            }

            foreach (var (origin, value) in fromValues)
            {
                var mustInstruct = origin.Declaration is { } declaration
                    && ((returned && declaration.HasHoles) || (formatsData && IsWrittenAt(declaration, value)));
                if (!mustInstruct || (singleTurn ? SingleTurnInstruction.Qualifies(origin.Declaration!) : TemplateInstructs(origin.Declaration!.Text, returned && origin.Declaration.HasHoles)))
                {
                    results.Add(origin);
                }
            }
        }

        /// <summary>
        /// Whether text that must instruct does: the single-turn test (a persona or a keyword sentence), and for a returned
        /// template also <see cref="ReturnedTemplateInstructs"/>'s reading of other languages.
        /// </summary>
        private static bool TemplateInstructs(string? text, bool returnedTemplate) =>
            returnedTemplate ? ReturnedTemplateInstructs(text) : SingleTurnPrompt.Qualifies(text);

        /// <summary>Text the program assembles at run time (a join, a builder, a template, a concatenation) that is not a prompt: data being formatted.</summary>
        private bool FormatsData(IOperation value, CancellationToken cancellationToken)
        {
            value = KnownPromptSymbols.Unwrap(value);
            if (value is ILocalReferenceOperation local)
            {
                value = LocalInitializer(local, cancellationToken) is { } initializer ? KnownPromptSymbols.Unwrap(initializer) : value;
            }

            return !value.ConstantValue.HasValue && AssembledText.Flatten(value, compilation, cancellationToken) != null;
        }
    }
}
