using System.Collections.Generic;
using System.Text;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Where a value in a prompt slot comes from: a prompt declaration, or a holder whose writers decide: a parameter
    /// (its call sites) or a settable property of the project's own type (the text assigned to it).
    /// </summary>
    internal readonly struct PromptOrigin
    {
        private PromptOrigin(PromptDeclaration? declaration, ISymbol? holder)
        {
            Declaration = declaration;
            Holder = holder;
        }

        public PromptDeclaration? Declaration { get; }

        /// <summary>An <see cref="IParameterSymbol"/> or <see cref="IPropertySymbol"/>, resolved through <see cref="CallSiteIndex"/>.</summary>
        public ISymbol? Holder { get; }

        public static PromptOrigin Of(PromptDeclaration declaration) => new PromptOrigin(declaration, null);

        public static PromptOrigin Of(IParameterSymbol parameter) => new PromptOrigin(null, parameter);

        public static PromptOrigin Of(IPropertySymbol property) => new PromptOrigin(null, property);
    }

    /// <summary>
    /// Follows a value put into a prompt slot back to the constant text that is the prompt: a member (const, static
    /// readonly, or a settings property's constant default), a local's initializer, a literal or constant expression
    /// written at the slot, a template filled with <c>Replace</c>, <c>string.Format</c> or interpolation (the template is
    /// the prompt), either branch of <c>?:</c> / <c>??</c>, and parameters of the project's own methods (resolved later
    /// through their call sites). Anything else (configuration, user input, a method's result) is not a prompt.
    /// </summary>
    internal sealed partial class PromptFlow
    {
        /// <summary>How many member initializers, locals and call sites a value is followed through.</summary>
        public const int MaxDepth = 4;

        private readonly Compilation compilation;

        /// <summary>
        /// Constructor parameters that a property holds (a record's positional property, <c>Instructions { get; } =
        /// instructions</c>): like a settable property, they may carry chat turns of every role.
        /// </summary>
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IParameterSymbol, byte> propertyBacked =
            new System.Collections.Concurrent.ConcurrentDictionary<IParameterSymbol, byte>(SymbolEqualityComparer.Default);
        private readonly KnownPromptSymbols symbols;
        private readonly WrapperProbes wrapperProbes;
        private readonly DictionaryPrompts dictionaries;
        private readonly IndexedPromptArrays indexedArrays;
        private readonly AwaitedTextMethods awaitedText;
        private readonly ImplementedPropertyPrompts implementedProperties;
        private readonly ImplementedMethodPrompts implementedMethods;
        private readonly YieldedElements yieldedElements;

        public PromptFlow(Compilation compilation, KnownPromptSymbols symbols)
        {
            this.compilation = compilation;
            this.symbols = symbols;
            wrapperProbes = new WrapperProbes(compilation, symbols);
            dictionaries = new DictionaryPrompts(compilation);
            indexedArrays = new IndexedPromptArrays(compilation, dictionaries);
            awaitedText = new AwaitedTextMethods(compilation);
            implementedProperties = new ImplementedPropertyPrompts(compilation, symbols);
            implementedMethods = new ImplementedMethodPrompts(compilation);
            yieldedElements = new YieldedElements(compilation);
        }

        /// <summary>Adds the origins of <paramref name="value"/>; parameters are reported only when <paramref name="followParameters"/>.</summary>
        public void Resolve(IOperation value, bool followParameters, List<PromptOrigin> results, CancellationToken cancellationToken) =>
            Resolve(value, followParameters, 0, results, cancellationToken);

        /// <summary>
        /// Adds the origins of the one string of a single-turn request. Parameters are not followed (the caller's text
        /// decides), and text assembled around data (<c>"Translate the following text to French: " + input</c>) is
        /// kept when its constant parts pass the template test rather than the narrower assembled-text test: the data
        /// concatenated in is what the app fills its instruction with (<see cref="SingleTurnInstruction"/> then judges it).
        /// </summary>
        public void ResolveSingleTurn(IOperation value, List<PromptOrigin> results, CancellationToken cancellationToken) =>
            Resolve(value, followParameters: false, 0, results, cancellationToken, singleTurn: true);

        /// <summary>Whether a wrapper's argument is passed in a connectivity probe through a plain wrapper (<see cref="WrapperProbes"/>).</summary>
        public bool IsPassedToProbe(IOperation argument, CancellationToken cancellationToken) =>
            wrapperProbes.IsPassedToProbe(argument, cancellationToken);

        private void Resolve(IOperation? value, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken, bool singleTurn = false)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            if (value == null || depth > MaxDepth)
            {
                return;
            }

            value = KnownPromptSymbols.Unwrap(value);
            switch (value)
            {
                case IConditionalOperation conditional:
                    ResolveAlternatives(new[] { conditional.WhenTrue, conditional.WhenFalse }, followParameters, depth, returned: false, results, cancellationToken, singleTurn);
                    return;
                case ICoalesceOperation coalesce:
                    // `configuration["Prompt"] ?? DefaultPrompt`: the fallback is a prompt in code.
                    Resolve(coalesce.Value, followParameters, depth, results, cancellationToken, singleTurn);
                    Resolve(coalesce.WhenNull, followParameters, depth, results, cancellationToken, singleTurn);
                    return;
                case IParameterReferenceOperation or ILocalReferenceOperation
                    when !singleTurn && depth < MaxDepth && yieldedElements.ConstantElements(value, cancellationToken) is { } yielded:
                    // `.Select(x => new ChatMessage(ChatRole.System, x))` over the project's iterator: each constant it yields (YieldedElements).
                    foreach (var element in yielded)
                    {
                        Resolve(element, followParameters: false, depth + 1, results, cancellationToken);
                    }

                    return;
                case IFieldReferenceOperation or ILocalReferenceOperation
                    when depth < MaxDepth && TupleElementSource(value, cancellationToken) is { } source
                        && ReturnedTupleElements(source.Call, source.Index, cancellationToken) is { } elements:
                    // `var (system, user) = PromptBuilder.Build(topic);`, `result.System`: that element of each returned
                    // tuple, followed like a returned string (PromptFlow.Tuples).
                    ResolveReturned(source.Call, elements, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    return;
                case IFieldReferenceOperation field:
                    ResolveMember(field.Field.OriginalDefinition, followParameters, depth, results, cancellationToken);
                    return;
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    ResolveMember(property.Property.OriginalDefinition, followParameters, depth, results, cancellationToken);
                    return;
                case ILocalReferenceOperation local:
                    if (LocalInitializer(local.Local, cancellationToken) is { } initializer)
                    {
                        Resolve(initializer, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    }
                    else if (!singleTurn && dictionaries.WrittenByTryGetValue(local.Local, cancellationToken) is { } written)
                    {
                        // `Prompts.TryGetValue(route, out var prompt)`: the dictionary's values, and what else is assigned.
                        ResolveDictionaryRead(written.Read, followParameters, depth + 1, results, cancellationToken);
                        foreach (var assigned in written.Assigned)
                        {
                            Resolve(assigned, followParameters, depth + 1, results, cancellationToken);
                        }
                    }
                    else if (depth < MaxDepth && AssembledText.FlattenAppendedLocal(local, compilation, cancellationToken) is { } appended)
                    {
                        // `var core = "You are ..."; if (secret) core += "...";`: read like a builder and its appends.
                        ResolveAssembled(local, appended, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    }
                    else if (GuardedDefaults.Before(local, local.Local, cancellationToken) is { Defaults.Count: > 0 } defaulted)
                    {
                        // `var system = config["Persona"]; if (string.IsNullOrEmpty(system)) system = "You are ...";`:
                        // the initializer and the default, like `config["Persona"] ?? "You are ..."` (GuardedDefaults).
                        Resolve(defaulted.Initializer, followParameters, depth + 1, results, cancellationToken, singleTurn);
                        ResolveAll(defaulted.Defaults, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    }

                    return;
                case IParameterReferenceOperation parameter:
                    if (followParameters && IsFollowable(parameter.Parameter))
                    {
                        results.Add(PromptOrigin.Of(parameter.Parameter.OriginalDefinition));
                    }

                    if (depth < MaxDepth && GuardedDefaults.Before(parameter, parameter.Parameter, cancellationToken) is { } guarded)
                    {
                        // `if (String.IsNullOrWhiteSpace(prompt)) prompt = "You are ...";`, `prompt ??= "..."` (review87):
                        // the default in the body, like the fallback of `prompt ?? "..."` at the slot (GuardedDefaults).
                        ResolveAll(guarded.Defaults, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    }

                    return;
                case IOperation lookup when !singleTurn && dictionaries.Read(lookup, cancellationToken) is { } read:
                    // `SpecialistPrompts[route]`, `Prompts.GetValueOrDefault(route, DefaultPrompt)` (DictionaryPrompts).
                    ResolveDictionaryRead(read, followParameters, depth, results, cancellationToken);
                    return;
                case IOperation indexed when !singleTurn && indexedArrays.Read(indexed, cancellationToken) is { } array:
                    // `prompts[rng.Next(prompts.Length)]`: each constant element that instructs (IndexedPromptArrays).
                    ResolveArrayElements(array.Member, array.Elements, followParameters, depth, results, cancellationToken);
                    return;
                case IInvocationOperation invocation when TemplateOf(invocation) is { } template:
                    // A format that only titles its data (`string.Format("{0}: {1}", label, value)`,
                    // `string.Format("Context:\n{0}", context)`) is formatting, not a prompt. A format written at the
                    // call is judged like a template at the slot (`string.Format("Today is {0:D}.", now)` states data);
                    // a named template keeps its name's standing unless it only titles its data.
                    var fromTemplate = new List<PromptOrigin>();
                    Resolve(template, followParameters, depth, fromTemplate, cancellationToken);
                    foreach (var origin in fromTemplate)
                    {
                        if (!(origin.Declaration is { } format
                            && (IsWrittenAt(format, template) ? !DataTemplate.Instructs(format.Text) : SingleTurnPrompt.OnlyTitlesData(format.Text))))
                        {
                            results.Add(origin);
                        }
                    }

                    return;
                case ISwitchExpressionOperation choice:
                    // `agent switch { Agent.Billing => BillingPrompt, _ => DefaultPrompt }`: every arm, like both branches of ?:.
                    var arms = new List<IOperation>(choice.Arms.Length);
                    foreach (var arm in choice.Arms)
                    {
                        arms.Add(arm.Value);
                    }

                    ResolveAlternatives(arms, followParameters, depth, returned: false, results, cancellationToken, singleTurn);
                    return;
                case IAwaitOperation awaited when symbols.RenderedTemplates.TemplateOfRendered(awaited, local => LocalInitializer(local, cancellationToken)) is { } rendered:
                    // `await factory.Create(new PromptTemplateConfig(template)).RenderAsync(kernel, args)` reaching a slot:
                    // the template is the prompt, as a template filled with Replace is (RenderedPromptTemplates).
                    Resolve(rendered, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    return;
                case IInvocationOperation invocation when depth < MaxDepth && ReturnedValues(invocation.TargetMethod, cancellationToken) is { } returned:
                    // `new ChatMessage(ChatRole.System, BuildSystemPrompt(...))`: what the project's own method returns.
                    // A returned template with data in it (`$"[{m.Date}] {m.Text}"` from a formatter) is a prompt only
                    // when its constant parts instruct: helpers also format memories and context for system messages.
                    ResolveReturned(invocation, returned, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    return;
                case IInvocationOperation invocation when depth < MaxDepth && implementedMethods.IsFollowed(invocation):
                    // `new SystemChatMessage(GetSystemPrompt())` of an abstract, virtual or interface method whose every
                    // body here returns a constant: each is a prompt (ImplementedMethodPrompts).
                    implementedMethods.Add(invocation, results, cancellationToken);
                    return;
                case IAwaitOperation when depth < MaxDepth && awaitedText.AwaitedCall(value) is { } awaitedCall
                    && ProjectMethodReturns(awaitedCall.TargetMethod, compilation, cancellationToken) is { } returned:
                    // `await BuildSystemPromptAsync(ChatSystemPrompt, profile, ct)` (review73 valora): an async
                    // Task<string> method's returns are strings, followed exactly as a string method's are above
                    // (the same project methods: not virtual, abstract or an interface member).
                    ResolveReturned(awaitedCall, returned, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    return;
            }

            if (value.ConstantValue.HasValue)
            {
                // A prompt template of only variables, labels and role tags (`"{{$input}}"`,
                // `"{{$history}}\nUser: {{$input}}\nAssistant:"`) passes the conversation through: nothing of it is the team's.
                if (value.ConstantValue.Value is string text && !string.IsNullOrWhiteSpace(text) && !DataTemplate.OnlyPassesVariables(text))
                {
                    AddInline(value, text, PromptSourceMapFor(value, text, cancellationToken), results);
                }

                return;
            }

            if (AssembledText.Flatten(value, compilation, cancellationToken) is { } assembled)
            {
                ResolveAssembled(value, assembled, followParameters, depth, results, cancellationToken, singleTurn);
            }
        }

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

        private void ResolveAll(List<IOperation> values, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken, bool singleTurn)
        {
            foreach (var value in values)
            {
                Resolve(value, followParameters, depth, results, cancellationToken, singleTurn);
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
                else if (part.Kind == AssembledPartKind.Hole && IsProjectStringMethodCall(part.Operation is ILocalReferenceOperation held ? LocalInitializer(held.Local, cancellationToken) : part.Operation))
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
                    if (part.Kind == AssembledPartKind.Hole && part.Operation is IParameterReferenceOperation parameter && IsFollowable(parameter.Parameter)
                        && !(instructs && IsInline(assembled, i))
                        && !(IsLabelled(assembled, i) && !TurnRoles.NamesInstructions(parameter.Parameter.Name)))
                    {
                        results.Add(PromptOrigin.Of(parameter.Parameter.OriginalDefinition));
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
                    formatsData |= origin.Declaration is { HasHoles: true } formatted && !SingleTurnPrompt.Qualifies(formatted.Text);
                }

                // Parameters among the data (`$"User profile: {profile}"`) are followed to their callers, but the
                // value itself is still data being formatted.
                formatsData |= !declared && FormatsData(value, cancellationToken);
            }

            foreach (var (origin, value) in fromValues)
            {
                var mustInstruct = origin.Declaration is { } declaration
                    && ((returned && declaration.HasHoles) || (formatsData && IsWrittenAt(declaration, value)));
                if (!mustInstruct || (singleTurn ? SingleTurnInstruction.Qualifies(origin.Declaration!) : SingleTurnPrompt.Qualifies(origin.Declaration!.Text)))
                {
                    results.Add(origin);
                }
            }
        }

        /// <summary>Text the program assembles at run time (a join, a builder, a template, a concatenation) that is not a prompt: data being formatted.</summary>
        private bool FormatsData(IOperation value, CancellationToken cancellationToken)
        {
            value = KnownPromptSymbols.Unwrap(value);
            if (value is ILocalReferenceOperation local)
            {
                value = LocalInitializer(local.Local, cancellationToken) is { } initializer ? KnownPromptSymbols.Unwrap(initializer) : value;
            }

            return !value.ConstantValue.HasValue && AssembledText.Flatten(value, compilation, cancellationToken) != null;
        }

        /// <summary>Whether <paramref name="declaration"/> is text written in <paramref name="value"/> itself, not a member it names.</summary>
        private static bool IsWrittenAt(PromptDeclaration declaration, IOperation value) =>
            declaration.Location.SourceTree == value.Syntax.SyntaxTree && value.Syntax.Span.Contains(declaration.Location.SourceSpan);

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

        /// <summary>The constant text a single-turn request's instructions are judged on: template holes are left out.</summary>
        public static string? ConstantParts(IOperation value)
        {
            value = KnownPromptSymbols.Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            if (!(value is IInterpolatedStringOperation interpolated))
            {
                return null;
            }

            var builder = new StringBuilder();
            foreach (var part in interpolated.Parts)
            {
                if (part is IInterpolatedStringTextOperation text)
                {
                    builder.Append(text.Text.ConstantValue.Value as string);
                }
                else if (part is IInterpolationOperation hole)
                {
                    builder.Append(hole.Expression.ConstantValue.Value as string ?? " ");
                }
            }

            return builder.ToString();
        }

        /// <summary>The prompt behind a parameter or settable property: what its call sites pass, or what is assigned to it.</summary>
        /// <param name="parameter">The parameter or property.</param>
        /// <param name="callSites">The project's call sites and assignments.</param>
        /// <param name="results">Receives the prompts found.</param>
        /// <param name="cancellationToken">Cancels the walk.</param>
        /// <param name="reached">When given, receives every holder walked through (each carries the prompt towards a slot).</param>
        public void ResolveHolder(ISymbol parameter, CallSiteIndex callSites, List<PromptOrigin> results, CancellationToken cancellationToken, ISet<ISymbol>? reached = null)
        {
            var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var pending = new Queue<(ISymbol Holder, int Depth)>();
            pending.Enqueue((parameter, 0));
            var found = new List<PromptOrigin>();
            while (pending.Count > 0)
            {
                var (current, depth) = pending.Dequeue();
                if (!visited.Add(current) || depth >= MaxDepth)
                {
                    continue;
                }

                reached?.Add(current);

                // A holder next to a role (`Add(string role, string content)`) carries turns of every role, like a property.
                var carriesTurns = current is IPropertySymbol
                    || (current is IParameterSymbol backing && propertyBacked.ContainsKey(backing))
                    || TurnRoles.HasRoleSibling(current);
                foreach (var argument in callSites.Get(current, cancellationToken))
                {
                    // `new StoredMessage { Role = "user", Content = "Summarize this email: ..." }`, `session.Add("user",
                    // ...)`: a user or assistant turn written next to its role is the conversation, not the app's
                    // prompt, however much it reads like an instruction. A holder named for instructions
                    // (`SystemPrompt`, `Instructions`) holds them whatever role sits beside it.
                    if (!TurnRoles.NamesInstructions(current.Name) && TurnRoles.Of(argument) == TurnRole.ConversationTurn)
                    {
                        continue;
                    }

                    // A constant passed in a connectivity probe through a plain wrapper (WrapperProbes) is not a prompt.
                    if (wrapperProbes.IsPassedToProbe(argument, cancellationToken))
                    {
                        continue;
                    }

                    found.Clear();
                    Resolve(argument, followParameters: true, depth + 1, found, cancellationToken);
                    foreach (var origin in found)
                    {
                        if (origin.Holder != null)
                        {
                            pending.Enqueue((origin.Holder, depth + 1));
                        }
                        else if (carriesTurns
                            && (IsWrittenAt(origin.Declaration!, argument) || origin.Declaration!.IsUnnamed)
                            && !DataTemplate.Instructs(origin.Declaration!.Text))
                        {
                            // A property also carries chat turns of every role in apps that store the conversation
                            // (`new StoredMessage { Content = "Hi there!" }` with the role set elsewhere, `new
                            // Turn(role, "Hi there!")`): text written into one is a prompt only when it instructs. So is
                            // text the argument is followed to without a name of its own: a helper that reads a
                            // message's text and falls back to a display placeholder (`m.Content.FirstOrDefault()?.Text
                            // ?? "[No Text]"` saved as the stored turn's text, review30 F2) writes no prompt. A named
                            // constant assigned there keeps its standing.
                            continue;
                        }
                        else
                        {
                            results.Add(origin);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The values a method of this compilation returns, when it is one whose body decides them: an ordinary
        /// non-virtual method or local function returning <c>string</c> (not abstract, virtual, an override, an
        /// interface member or an iterator). Returns inside its lambdas and local functions are theirs, not its.
        /// </summary>
        private List<IOperation>? ReturnedValues(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            return method.ReturnType.SpecialType == SpecialType.System_String ? ProjectMethodReturns(method, compilation, cancellationToken) : null;
        }

        /// <summary>
        /// The values an ordinary non-virtual method or local function of this compilation returns (not abstract,
        /// virtual, an override, extern or an interface member: another body may run), or null. Strings here; request
        /// options a helper builds in <see cref="InstructedRequests"/>.
        /// </summary>
        internal static List<IOperation>? ProjectMethodReturns(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition;
            if (!IsProjectMethod(method, compilation))
            {
                return null;
            }

            var values = SourceBodies.ReturnedValues(method, compilation, cancellationToken);
            return values.Count > 0 ? values : null;
        }


        /// <summary>An ordinary non-virtual method or local function with a body in this compilation: its returns decide its value.</summary>
        private static bool IsProjectMethod(IMethodSymbol method, Compilation compilation) =>
            !(method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern)
            && method.ContainingType?.TypeKind != TypeKind.Interface
            && (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.LocalFunction)
            && SourceBodies.IsInSource(method, compilation);

        /// <summary>
        /// A call of a project method returning <c>string</c> whose returns are followed (<see cref="ReturnedValues"/>),
        /// or an awaited call of such an async <c>Task&lt;string&gt;</c> method (<see cref="AwaitedTextMethods"/>), or a
        /// parameterless abstract, virtual or interface one whose bodies are read (<see cref="ImplementedMethodPrompts"/>).
        /// </summary>
        private bool IsProjectStringMethodCall(IOperation? operation) =>
            (operation is IInvocationOperation invocation
                && invocation.TargetMethod.OriginalDefinition is { ReturnType: { SpecialType: SpecialType.System_String } } method
                && (IsProjectMethod(method, compilation) || implementedMethods.IsFollowed(invocation)))
            || (awaitedText.AwaitedCall(operation) is { } awaited && IsProjectMethod(awaited.TargetMethod.OriginalDefinition, compilation));

        /// <summary>A property of the project's own type that code can assign (a setter or init accessor), not a <c>[Prompt]</c> member.</summary>
        private bool IsAssignable(ISymbol member) =>
            member is IPropertySymbol { IsIndexer: false, SetMethod: { } } property
            && property.Type.SpecialType == SpecialType.System_String
            && PromptDeclaration.FindPromptAttribute(property, symbols) == null;

        /// <summary>Parameters of the project's own methods (not lambdas: their callers are not calls in source).</summary>
        internal bool IsFollowable(IParameterSymbol parameter) =>
            parameter.RefKind == RefKind.None
            && parameter.ContainingSymbol is IMethodSymbol method
            && (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.LocalFunction)
            && SourceBodies.IsInSource(method, compilation);

        /// <summary><c>template.Replace(...)</c> and <c>string.Format(template, ...)</c>: the template is the prompt.</summary>
        private static IOperation? TemplateOf(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.ContainingType?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            if (method.Name == "Replace" && !method.IsStatic)
            {
                return invocation.Instance;
            }

            if (method.Name == "Format" && method.IsStatic)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name == "format")
                    {
                        return argument.Value;
                    }
                }
            }

            return null;
        }

        private void ResolveMember(ISymbol member, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            if (!SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, compilation.Assembly))
            {
                // A referenced project's positional record (`AiMessage(AiRole Role, string Content)` in Application):
                // its property holds what this project passes to the record's constructor (ReferencedRecords).
                if (followParameters && member is IPropertySymbol referenced && ReferencedRecords.PositionalParameter(referenced) is { } positional)
                {
                    propertyBacked.TryAdd(positional.OriginalDefinition, 0);
                    results.Add(PromptOrigin.Of(positional.OriginalDefinition));
                }
                else if (followParameters
                    && member is IPropertySymbol settable
                    && ReferencedSettables.IsSettable(settable, compilation.Assembly)
                    && PromptDeclaration.FindPromptAttribute(settable, symbols) == null)
                {
                    // Its settable twin (`ChatMessageDto { Role, Content }` with `{ get; set; }` in Contracts): it holds
                    // what this project assigns to it (ReferencedSettables).
                    results.Add(PromptOrigin.Of(settable));
                }

                return;
            }

            // A settable property (`public string Instructions { get; set; }`) also holds what the project assigns to
            // it, whatever its default: `new AgentConfig { Instructions = "You are ..." }`, `options.SystemPrompt = Prompt`.
            if (followParameters && IsAssignable(member))
            {
                results.Add(PromptOrigin.Of((IPropertySymbol)member));
            }

            // `prompts.SystemPrompt` of an abstract "prompt set" whose every subclass here returns a constant: each is a prompt.
            if (member is IPropertySymbol overridable)
            {
                implementedProperties.Add(overridable, results, cancellationToken);
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var node = reference.GetSyntax(cancellationToken);
                var model = SourceBodies.GetSemanticModel(compilation, node.SyntaxTree);

                // A settings property whose default is another member (`= DefaultSystemPrompt`): that member is the prompt.
                var initializer = PromptDeclaration.ValueExpression(node);
                if (initializer != null
                    && PromptDeclaration.FindPromptAttribute(member, symbols) == null
                    && model.GetOperation(initializer, cancellationToken) is { } initializerValue
                    && IsFollowedReference(KnownPromptSymbols.Unwrap(initializerValue)))
                {
                    if (KnownPromptSymbols.Unwrap(initializerValue) is IParameterReferenceOperation backing)
                    {
                        propertyBacked.TryAdd(backing.Parameter.OriginalDefinition, 0);
                    }

                    Resolve(initializerValue, followParameters, depth + 1, results, cancellationToken);
                    continue;
                }

                // A record's positional property (`record AgentSpec(string Name, string Instructions)`) holds what its
                // constructor is given: the parameter is followed to the `new AgentSpec(..., "You are ...")` call sites.
                if (member is IPropertySymbol
                    && node is ParameterSyntax
                    && model.GetDeclaredSymbol(node, cancellationToken) is IParameterSymbol positional)
                {
                    if (followParameters && IsFollowable(positional))
                    {
                        propertyBacked.TryAdd(positional.OriginalDefinition, 0);
                        results.Add(PromptOrigin.Of(positional.OriginalDefinition));
                    }

                    continue;
                }

                // A readonly field set in its type's constructors (`systemPrompt = "You are ...";`): what they assign.
                if (initializer == null
                    && member is IFieldSymbol field
                    && PromptDeclaration.FindPromptAttribute(member, symbols) == null
                    && ConstructorAssignments.Of(field, compilation, cancellationToken) is { } assigned)
                {
                    ResolveConstructorAssignments(field, assigned, followParameters, depth, results, cancellationToken);
                    continue;
                }

                // `readonly string _instructions = $"You are ... {document}";`: its template, as a constructor's (FieldTemplateInitializers).
                if (FieldTemplateInitializers.Of(member, initializer, model, symbols, cancellationToken) is { } template)
                {
                    ResolveConstructorAssignments((IFieldSymbol)member, template, followParameters, depth, results, cancellationToken);
                    continue;
                }

                var found = new List<PromptDeclaration>(1);
                PromptDeclaration.Read(node, model, symbols, found, cancellationToken);
                foreach (var declaration in found)
                {
                    results.Add(PromptOrigin.Of(declaration));
                }
            }
        }

        /// <summary>
        /// The prompts a readonly field holds through its constructors' assignments, followed like an initializer: text
        /// written in the assignment is the field's prompt, named after the field (as an initializer's would be), while a
        /// named constant assigned there keeps its own name and a constructor parameter is followed to its callers.
        /// </summary>
        private void ResolveConstructorAssignments(IFieldSymbol field, List<IOperation> assigned, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken)
        {
            var found = new List<PromptOrigin>();
            foreach (var value in assigned)
            {
                found.Clear();
                Resolve(value, followParameters, depth + 1, found, cancellationToken);
                foreach (var origin in found)
                {
                    results.Add(origin.Declaration is { Text: { } text } declaration && IsWrittenAt(declaration, value)
                        ? PromptOrigin.Of(PromptDeclaration.Inline(field, text, declaration.Location, declaration.SourceMap, declaration.HasHoles))
                        : origin);
                }
            }
        }

        /// <summary>
        /// Initializers followed to what they read. A primary constructor's parameter (<c>public string Instructions {
        /// get; } = instructions;</c>) is followed to the constructor's call sites like any parameter.
        /// </summary>
        private static bool IsFollowedReference(IOperation value) =>
            value is IFieldReferenceOperation
            || value is IPropertyReferenceOperation
            || value is IParameterReferenceOperation
            || value is ICoalesceOperation
            || value is IConditionalOperation
            || (value is IInvocationOperation invocation && TemplateOf(invocation) != null);

        /// <summary>The initializer of a local that is never assigned again, or null.</summary>
        private IOperation? LocalInitializer(ILocalSymbol local, CancellationToken cancellationToken)
        {
            if (local.DeclaringSyntaxReferences.Length != 1
                || !(local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax declarator)
                || declarator.Initializer == null)
            {
                return null;
            }

            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is ArrowExpressionClauseSyntax || n is CompilationUnitSyntax);
            if (scope == null || IsWrittenAgain(scope, local.Name))
            {
                return null;
            }

            return SourceBodies.GetSemanticModel(compilation, declarator.SyntaxTree).GetOperation(declarator.Initializer.Value, cancellationToken);
        }

        private static bool IsWrittenAgain(SyntaxNode scope, string name)
        {
            foreach (var identifier in scope.DescendantNodes())
            {
                if (!(identifier is IdentifierNameSyntax id) || id.Identifier.ValueText != name)
                {
                    continue;
                }

                if (IsReassigned(id))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name is assigned (<c>x = ...</c>) or passed by <c>ref</c>/<c>out</c>: its value may be replaced.</summary>
        internal static bool IsReassigned(IdentifierNameSyntax id) =>
            (id.Parent is AssignmentExpressionSyntax assignment && assignment.Left == id)
            || (id.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None));

        /// <summary>
        /// Text spelled inside the constant <paramref name="value"/> (a system message's content in JSON text), reported at
        /// <paramref name="location"/>, as text written at a slot is (the same filters, named after the containing member); null when it is not a prompt.
        /// </summary>
        internal static PromptOrigin? SpelledInside(IOperation value, string text, Location location)
        {
            if (string.IsNullOrWhiteSpace(text) || DataTemplate.OnlyPassesVariables(text) || IsDataLabel(text) || IsPlaceholderWord(text)
                || value.Syntax.ContainsDiagnostics || value.SemanticModel == null || NamingMember(value, value.SemanticModel) is not { } member)
            {
                return null;
            }

            return PromptOrigin.Of(PromptDeclaration.Inline(member, text, location, map: null, isUnnamed: true));
        }

        private static void AddInline(IOperation value, string text, PromptSourceMap? map, List<PromptOrigin> results) =>
            AddInline(value, value.Syntax, text, map, results);

        /// <summary>Adds text written where it is used, reported at <paramref name="at"/> (the value, or the builder that assembles it).</summary>
        private static void AddInline(IOperation value, SyntaxNode at, string text, PromptSourceMap? map, List<PromptOrigin> results, bool hasHoles = false)
        {
            // Half-typed text (an unterminated literal or template swallowing the code after it) is not a prompt yet.
            // A label for the data that follows (`"Intent:"` between few-shot examples) instructs nothing.
            if (IsDataLabel(text) || IsPlaceholderWord(text) || value.Syntax.ContainsDiagnostics || at.ContainsDiagnostics || value.SemanticModel == null || NamingMember(value, value.SemanticModel) is not { } member)
            {
                return;
            }

            results.Add(PromptOrigin.Of(PromptDeclaration.Inline(member, text, at.GetLocation(), map, hasHoles, isUnnamed: true)));
        }

        /// <summary>
        /// One bare word (<c>"system"</c>, <c>"instructions"</c>, <c>"test"</c>): a placeholder that fills the slot in
        /// harness and demo code, not a prompt the team maintains.
        /// </summary>
        private static bool IsPlaceholderWord(string text)
        {
            var trimmed = text.Trim();
            foreach (var c in trimmed)
            {
                // ASCII only: Chinese or Japanese text has no spaces between its words.
                if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-')))
                {
                    return false;
                }
            }

            return trimmed.Length > 0;
        }

        /// <summary>One or two words ending with ':' (<c>"Intent:"</c>, <c>"Answer:"</c>): a label, not an instruction.</summary>
        private static bool IsDataLabel(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed[trimmed.Length - 1] != ':' || trimmed.IndexOf('{') >= 0)
            {
                return false;
            }

            var words = 0;
            var inWord = false;
            foreach (var c in trimmed)
            {
                var isWordChar = !char.IsWhiteSpace(c);
                if (isWordChar && !inWord)
                {
                    words++;
                }

                inWord = isWordChar;
            }

            return words <= 2;
        }

        private static PromptSourceMap? PromptSourceMapFor(IOperation value, string text, CancellationToken cancellationToken) =>
            value.Syntax is ExpressionSyntax expression && value.SemanticModel != null
                ? PromptSourceMap.Create(expression, text, value.SemanticModel, cancellationToken)
                : null;

        /// <summary>
        /// The member text written at a slot is named after: the member that contains it, except that text in an object
        /// a constructor stores into a <c>readonly</c> field or get-only property (<c>_options = new ChatOptions {
        /// Instructions = "..." };</c>) is named after that member, as it is when written in the member's initializer.
        /// </summary>
        private static ISymbol? NamingMember(IOperation value, SemanticModel model)
        {
            var member = ContainingMember(model.GetEnclosingSymbol(value.Syntax.SpanStart));
            return member is IMethodSymbol constructor && HeldSlotObjects.ConstructorHolder(value, constructor) is { } holder ? holder : member;
        }

        /// <summary>
        /// The member a literal belongs to (lambdas and local functions belong to their containing member; a property's
        /// initializer to the property, not its backing field).
        /// </summary>
        private static ISymbol? ContainingMember(ISymbol? symbol)
        {
            if (symbol is IFieldSymbol { AssociatedSymbol: IPropertySymbol property })
            {
                return property;
            }

            while (symbol is IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.AnonymousFunction || method.MethodKind == MethodKind.LocalFunction)
                {
                    symbol = method.ContainingSymbol;
                    continue;
                }

                if (method.AssociatedSymbol != null)
                {
                    return method.AssociatedSymbol;
                }

                break;
            }

            return symbol is INamespaceSymbol || symbol is INamedTypeSymbol ? null : symbol;
        }

        /// <summary>The template's text: constant parts as written, non-constant holes as <c>{expression}</c>; and its pieces for the source map.</summary>
        private static (string Text, List<(string Text, SyntaxToken? Token)> Pieces)? TemplateText(IInterpolatedStringOperation interpolated)
        {
            var builder = new StringBuilder();
            var pieces = new List<(string Text, SyntaxToken? Token)>();
            var hasText = false;
            foreach (var part in interpolated.Parts)
            {
                if (part is IInterpolatedStringTextOperation text && text.Text.ConstantValue.Value is string value)
                {
                    builder.Append(value);
                    hasText |= !string.IsNullOrWhiteSpace(value);
                    pieces.Add((value, (text.Syntax as InterpolatedStringTextSyntax)?.TextToken));
                }
                else if (part is IInterpolationOperation hole)
                {
                    var holeText = hole.Expression.ConstantValue.Value as string ?? "{" + hole.Expression.Syntax.ToString() + "}";
                    builder.Append(holeText);
                    hasText |= hole.Expression.ConstantValue.Value is string constant && !string.IsNullOrWhiteSpace(constant);
                    pieces.Add((holeText, null));
                }
                else
                {
                    return null;
                }
            }

            return hasText ? (builder.ToString(), pieces) : null;
        }
    }
}
