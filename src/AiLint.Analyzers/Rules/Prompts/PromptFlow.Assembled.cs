// PromptFlow: text assembled at run time (concatenation, builder, template): which member is the prompt, and the tests for data, headers and labels among its parts.
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    internal sealed partial class PromptFlow
    {
        /// <summary>
        /// A string assembled at run time (see <see cref="AssembledText"/>). When one member is its only piece that
        /// instructs (<c>SystemPrompt + "\n" + userInput</c>, <c>sb.AppendLine(SystemPrompt)</c>, <c>SystemPrompt + $"\nURL: {url}"</c>),
        /// that member is the prompt: its id and text are the member's, so the hash is the one
        /// <c>PromptHash.Compute(SystemPrompt)</c> gives at run time. Parameters among the pieces are followed to their callers.
        /// Otherwise the assembled text is the prompt, named after the containing member like a literal: fully known text
        /// always, and text with holes (data such as retrieved context or the user's input, kept as <c>{expression}</c>)
        /// only when its constant parts instruct the model (<see cref="DataTemplate.QualifiesInAnyLanguage"/>: the
        /// single-turn test, or, in another language, more than titles over the data), so a header wrapped around data
        /// (<c>"### CONTEXT\n" + context</c>, <c>"问题：" + question</c>) is not a prompt. An interpolated template written at the slot has its
        /// own, slightly wider test (<see cref="DataTemplate"/>: an imperative such as "Answer in {language}." counts).
        /// </summary>
        private void ResolveAssembled(IOperation value, AssembledText assembled, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken, bool singleTurn)
        {
            IOperation? onlyMember = null;
            IOperation? onlyMethod = null;
            var members = 0;
            var methods = 0;
            var hasText = false;
            var dataReads = DataReads(assembled, depth, cancellationToken);
            foreach (var part in assembled.Parts)
            {
                if (part.Kind == AssembledPartKind.Member && !dataReads.Contains(part.Operation!))
                {
                    members++;
                    onlyMember = part.Operation;
                }
                else if (part.Kind == AssembledPartKind.Text && !string.IsNullOrWhiteSpace(part.Text))
                {
                    hasText = true;
                }
                else if (part.Kind == AssembledPartKind.Hole && IsProjectStringMethodCall(part.Operation is ILocalReferenceOperation held ? LocalInitializer(held, cancellationToken) : part.Operation))
                {
                    methods++;
                    onlyMethod = part.Operation;
                }
            }

            // A project method's result with no member read beside it (`BuildChatInstructions() + (augmentation ??
            // "")`, review41 M1) stands as the one member, by the same rules: its return is followed as it is when it
            // fills the slot alone, and is the prompt, under the method's name, when it instructs or the method is named
            // for instructions. When nothing of it is taken (a method formatting data, returning the user's text) the
            // assembled text is judged whole, as it was before. Beside a member read, a method's result stays data.
            var memberIsMethod = members == 0 && methods == 1;
            if (memberIsMethod)
            {
                members = 1;
                onlyMember = onlyMethod;
            }

            // Parameters among the pieces (`systemPrompt + "\n\n" + rules`) are followed to their call sites like a
            // parameter given to the slot whole: a constant a caller passes is a prompt that reaches the slot. A parameter
            // written inside a sentence of text that instructs by itself (`$"You are {persona}. Stay in character."`,
            // `$"... Answer in {language}."`) is data filled into that prompt (a persona name, a language), not a prompt
            // of the caller's; one on its own line before or after the text (a caller's prompt with rules appended) is.
            //
            // A hole the template labels on its line (`$"Question: {question}\n\nExtract ..."`, `"Context: " + message.Content`)
            // is the data that label names, whatever the text around it: the caller's question, the incoming message's
            // text. Its callers, or the writers of the property read there, give data (a canned reply written into a
            // message record, review46 FP1), not a prompt. A hole named for instructions (`System prompt: {systemPrompt}`)
            // is still followed.
            if (followParameters)
            {
                var instructs = hasText && DataTemplate.QualifiesInAnyLanguage(TextWithout(assembled, member: null));
                for (var i = 0; i < assembled.Parts.Count; i++)
                {
                    var part = assembled.Parts[i];
                    // Also the parameter a `?:`/`??` chooses over a default prompt (`!string.IsNullOrEmpty(basePrompt) ? basePrompt : "You are ..."`).
                    if (part.Kind == AssembledPartKind.Hole && AssembledText.HeldParameter(part.Operation) is { } parameter && IsFollowable(parameter)
                        && !(instructs && IsInline(assembled, i))
                        && !(IsLabelled(assembled, i) && !TurnRoles.NamesInstructions(parameter.Name)))
                    {
                        results.Add(PromptOrigin.Of(parameter.OriginalDefinition));
                    }

                    // A data read is followed like that parameter: a settable property to what the project assigns it.
                    if (part.Kind == AssembledPartKind.Member && dataReads.Contains(part.Operation!) && !(instructs && IsInline(assembled, i))
                        && !(IsLabelled(assembled, i) && !NamesInstructions(part.Operation!)))
                    {
                        var held = new List<PromptOrigin>();
                        Resolve(part.Operation, followParameters, depth + 1, held, cancellationToken);
                        results.AddRange(held.FindAll(origin => origin.Holder != null));
                    }
                }
            }

            // One member plus labels, separators or data (`SystemPrompt + $"\n\nWeb URL: {url}"`): the member is the prompt.
            // Text beside it that instructs in another language (German rules appended with `+=` to `SystemMessage`,
            // review53 miss 1) is read by the page's language rule, not the English keywords alone: the whole is the prompt.
            if (members == 1 && (!hasText || !DataTemplate.QualifiesInAnyLanguage(TextWithout(assembled, onlyMember!))))
            {
                var fromMember = new List<PromptOrigin>();
                Resolve(onlyMember, followParameters, depth + 1, fromMember, cancellationToken);
                var hasData = HasData(assembled, except: onlyMember) || dataReads.Count > 0;
                var rejected = false;
                var taken = results.Count;
                foreach (var origin in fromMember)
                {
                    // A heading, label or rule set over data (`ContextHeader + "\n" + context` with "### Retrieved
                    // context", `sb.AppendLine(ProfileHeader)` before the profile's lines) names the data that follows;
                    // it instructs nothing. Alone at the slot the constant is still the whole message, and a prompt.
                    if (hasData && origin.Declaration is { } header && IsHeaderOverData(header.Text))
                    {
                        continue;
                    }

                    // The member is the prompt only as the piece that instructs (or one named for instructions): a
                    // field or key name read into a line of the text (`$"expected {FieldNames.NotBeforeUtc}: '{now}'"`)
                    // is data, so the text around it is judged as a whole below.
                    if ((hasData || hasText) && origin.Declaration is { } piece && !AssembledMember.IsThePrompt(piece, onlyMember))
                    {
                        rejected = true;
                        continue;
                    }

                    results.Add(origin);
                }

                // Only when nothing of the member was taken is the assembled text judged whole instead.
                if (results.Count > taken || (!rejected && !memberIsMethod))
                {
                    return;
                }
            }

            var memberTexts = new Dictionary<IOperation, string?>();
            string? MemberText(AssembledPart part)
            {
                if (part.Operation == null)
                {
                    return null;
                }

                if (!memberTexts.TryGetValue(part.Operation, out var known))
                {
                    known = ReadOnlyMemberText(part.Operation, depth, cancellationToken);
                    memberTexts[part.Operation] = known;
                }

                return known;
            }

            var isFullyKnown = true;
            foreach (var part in assembled.Parts)
            {
                isFullyKnown &= part.Kind == AssembledPartKind.Text
                    || (part.Kind == AssembledPartKind.Member && (part.Text ?? MemberText(part)) != null);
            }

            // A template whose holes are all known (static readonly members) is that text; else the template rule.
            if (!isFullyKnown && value is IInterpolatedStringOperation interpolated)
            {
                // A template that only titles its data (`$"Summary of the conversation so far: {summary}"`,
                // `$"Name: {user.Name}\nPlan: {user.Plan}"`, `$"<document>\n{doc}\n</document>"`) or states it
                // (`$"Today is {date:D}."`, `$"The user's name is {name}."`) instructs nothing.
                // Known fragments in its holes (`$"{Persona}\n{Rules}\nToday is {date:D}."`) are judged by their text.
                // At a single-turn request the single-turn template test (an imperative after a leading phrase too).
                var constant = assembled.Text(MemberText);
                if (TemplateText(interpolated) is { } filled
                    && (singleTurn ? SingleTurnInstruction.TemplateInstructs(constant) : DataTemplate.Instructs(constant)))
                {
                    AddInline(value, value.Syntax, filled.Text, PromptSourceMap.ForTokens(value.Syntax.SyntaxTree, filled.Pieces), results, hasHoles: true);
                }

                return;
            }

            // At a single-turn request the data concatenated in is what the app's instruction is filled with, so the
            // fixed text around it is judged by the template test (`"Translate the following text to French: " + input`).
            var text = assembled.Text(MemberText);
            if (string.IsNullOrWhiteSpace(text)
                || (!isFullyKnown && !(singleTurn ? SingleTurnInstruction.TemplateInstructs(text) : DataTemplate.QualifiesInAnyLanguage(text))))
            {
                return;
            }

            var at = assembled.BuilderSyntax ?? value.Syntax;
            AddInline(value, at, text, assembled.SourceMap(at.SyntaxTree, MemberText), results, hasHoles: !isFullyKnown);
        }

        /// <summary>
        /// The members of the assembled text that are data from outside, exactly as a string parameter is: a field or
        /// property read of a parameter, a local or an object the type holds (<c>request.Message</c>, <c>r.Text</c>,
        /// <c>_options.Value.Context</c>) whose value is no text of the project (review42 FP1/M1). A read whose value is a
        /// prompt of the project (<c>set.System</c> returning a constant) stays a member, followed as text.
        /// </summary>
        private HashSet<IOperation> DataReads(AssembledText assembled, int depth, CancellationToken cancellationToken)
        {
            var reads = new HashSet<IOperation>();
            var found = new List<PromptOrigin>();
            foreach (var part in assembled.Parts)
            {
                if (part.Kind != AssembledPartKind.Member || part.Text != null || !ReadsOutsideData(part.Operation, instanceOf: false))
                {
                    continue;
                }

                found.Clear();
                Resolve(part.Operation, followParameters: false, depth + 1, found, cancellationToken);
                if (!found.Exists(origin => origin.Declaration != null))
                {
                    reads.Add(part.Operation!);
                }
            }

            return reads;
        }

        /// <summary>
        /// An instance field or property read whose object is a parameter or a local, or (<paramref name="instanceOf"/>)
        /// is itself such a read or one of this object's fields and properties.
        /// </summary>
        private static bool ReadsOutsideData(IOperation? operation, bool instanceOf)
        {
            operation = operation == null ? null : KnownPromptSymbols.Unwrap(operation);
            var instance = operation switch
            {
                IFieldReferenceOperation { Field: { IsStatic: false } } field => field.Instance,
                IPropertyReferenceOperation { Property: { IsStatic: false }, Arguments: { IsEmpty: true } } property => property.Instance,
                _ => null,
            };
            if (instance == null)
            {
                return instanceOf && (operation is IParameterReferenceOperation || operation is ILocalReferenceOperation);
            }

            instance = KnownPromptSymbols.Unwrap(instance);
            return instance is IParameterReferenceOperation || instance is ILocalReferenceOperation
                || (instanceOf && instance is IInstanceReferenceOperation)
                || ReadsOutsideData(instance, instanceOf: true);
        }

        /// <summary>Whether the assembled text has data in it beside <paramref name="except"/>: a value that is not known text, or appends that vary.</summary>
        private static bool HasData(AssembledText assembled, IOperation? except)
        {
            foreach (var part in assembled.Parts)
            {
                if (part.Kind == AssembledPartKind.Hole && part.Operation != except)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// One line that titles the data after it rather than instructing: a Markdown heading (<c>## User profile</c>),
        /// an opening tag or banner (<c>&lt;document&gt;</c>, <c>=== Context ===</c>, <c>[Memories]</c>), a label ending
        /// with ':' (<c>Relevant documents:</c>) or a rule without letters (<c>----</c>). An instruction sentence or a
        /// persona (<see cref="SingleTurnPrompt"/>) is never a header, so "Answer only from these documents:" stays a prompt.
        /// </summary>
        private static bool IsHeaderOverData(string? text)
        {
            var trimmed = text?.Trim();
            return !string.IsNullOrEmpty(trimmed) && trimmed!.IndexOf('\n') < 0 && !SingleTurnPrompt.Qualifies(trimmed) && SingleTurnPrompt.IsTitleLine(trimmed);
        }

        /// <summary>True when text of the same line sits right before or right after part <paramref name="index"/>.</summary>
        private static bool IsInline(AssembledText assembled, int index)
        {
            if (index > 0 && assembled.Parts[index - 1] is { Kind: AssembledPartKind.Text, Text: { } before })
            {
                var trimmed = before.TrimEnd(' ', '\t');
                if (trimmed.Length > 0 && trimmed[trimmed.Length - 1] != '\n' && trimmed[trimmed.Length - 1] != '\r')
                {
                    return true;
                }
            }

            if (index + 1 < assembled.Parts.Count && assembled.Parts[index + 1] is { Kind: AssembledPartKind.Text, Text: { } after })
            {
                var trimmed = after.TrimStart(' ', '\t');
                if (trimmed.Length > 0 && trimmed[0] != '\n' && trimmed[0] != '\r')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether part <paramref name="index"/> follows a label on its own line (<c>Question: {question}</c>,
        /// <c>Context:</c> then the value): the text of that line before it is a title ending with ':' or '：' and
        /// holds no sentence (<see cref="SingleTurnPrompt.IsTitleLine"/>).
        /// </summary>
        private static bool IsLabelled(AssembledText assembled, int index)
        {
            if (index == 0 || !(assembled.Parts[index - 1] is { Kind: AssembledPartKind.Text, Text: { } before }))
            {
                return false;
            }

            var lineStart = before.LastIndexOfAny(new[] { '\n', '\r' }) + 1;
            var label = before.Substring(lineStart).Trim();
            if (label.Length < 2)
            {
                return false;
            }

            var last = label[label.Length - 1];
            var hasLetter = false;
            foreach (var c in label)
            {
                hasLetter |= char.IsLetter(c);
            }

            return hasLetter && (last == ':' || last == '\uFF1A') && SingleTurnPrompt.IsTitleLine(label);
        }

        /// <summary>Whether a member read is named for instructions (<c>spec.Instructions</c>, <c>agent.SystemPrompt</c>).</summary>
        private static bool NamesInstructions(IOperation read) => KnownPromptSymbols.Unwrap(read) switch
        {
            IPropertyReferenceOperation property => TurnRoles.NamesInstructions(property.Property.Name),
            IFieldReferenceOperation field => TurnRoles.NamesInstructions(field.Field.Name),
            _ => false,
        };

        /// <summary>The assembled text with <paramref name="member"/> left out (as a hole).</summary>
        private static string TextWithout(AssembledText assembled, IOperation? member)
        {
            var builder = new StringBuilder();
            foreach (var part in assembled.Parts)
            {
                builder.Append(part.Operation == member || part.Kind != AssembledPartKind.Text ? "{}" : part.Text);
            }

            return builder.ToString();
        }

        /// <summary>The text of a static read-only field or get-only property of this compilation, when it is known; null otherwise (settings can be configured).</summary>
        private string? ReadOnlyMemberText(IOperation operation, int depth, CancellationToken cancellationToken)
        {
            ISymbol? member = operation switch
            {
                IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } => field,
                IPropertyReferenceOperation { Property: { IsStatic: true, IsReadOnly: true } property } => property,
                _ => null,
            };
            if (member == null || depth >= MaxDepth)
            {
                return null;
            }

            var found = new List<PromptOrigin>(1);
            ResolveMember(member.OriginalDefinition, followParameters: false, depth + 1, found, cancellationToken);
            return found.Count == 1 ? found[0].Declaration?.Text : null;
        }
    }
}
