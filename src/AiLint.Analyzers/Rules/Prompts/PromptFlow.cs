// PromptFlow: the origin of a slot's value, the walker's state and entry points, and the dispatch on the shape of the value.
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
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
                case IFieldReferenceOperation referenced when ReferencedConstants.Of(referenced, compilation, symbols) is { } constant:
                    // `AsAIAgent(instructions: Persona.Instructions)` with the constant in a shared library: its value is
                    // in the metadata, the slot is here (ReferencedConstants).
                    results.Add(PromptOrigin.Of(constant));
                    return;
                case IFieldReferenceOperation field:
                    ResolveMember(field.Field.OriginalDefinition, followParameters, depth, results, cancellationToken);
                    return;
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    ResolveMember(property.Property.OriginalDefinition, followParameters, depth, results, cancellationToken);
                    return;
                case ILocalReferenceOperation local:
                    if (LocalInitializer(local, cancellationToken) is { } initializer)
                    {
                        Resolve(initializer, followParameters, depth + 1, results, cancellationToken, singleTurn);
                    }
                    else if (!singleTurn && dictionaries.WrittenByTryGetValue(local.Local, cancellationToken, local.SemanticModel) is { } written)
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
                case IAwaitOperation awaited when symbols.RenderedTemplates.TemplateOfRendered(awaited, local => LocalInitializer(local, cancellationToken, awaited.SemanticModel)) is { } rendered:
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
                case IInvocationOperation invocation when depth < MaxDepth && SoleImplementationReturns(invocation, cancellationToken) is { } sole:
                    // `new SystemChatMessage(builder.BuildSystemPrompt(persona))` through a contract with one body here.
                    ResolveReturned(invocation, sole.Returned, followParameters, depth + 1, results, cancellationToken, singleTurn, sole.Implementation);
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

        private void ResolveAll(List<IOperation> values, bool followParameters, int depth, List<PromptOrigin> results, CancellationToken cancellationToken, bool singleTurn)
        {
            foreach (var value in values)
            {
                Resolve(value, followParameters, depth, results, cancellationToken, singleTurn);
            }
        }

        /// <summary>Whether <paramref name="declaration"/> is text written in <paramref name="value"/> itself, not a member it names.</summary>
        private static bool IsWrittenAt(PromptDeclaration declaration, IOperation value) =>
            declaration.Location.SourceTree == value.Syntax.SyntaxTree && value.Syntax.Span.Contains(declaration.Location.SourceSpan);

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
    }
}
