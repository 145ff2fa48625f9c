using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// <c>AskAsync(client, "gpt-3.5-turbo-0613", question)</c> where the project's own <c>AskAsync</c> hands its
    /// <c>model</c> parameter to <c>client.GetChatClient(model)</c>: the constant argument is the id that call sends.
    /// One level deep, for ordinary non-virtual methods and local functions declared in the project (an override or an
    /// interface implementation may do something else at run time). The parameter must be a by-value string that the
    /// helper never writes, and every model slot that reads it must take an OpenAI-style model id: a slot that takes an
    /// Azure deployment name or goes to another server makes the argument a name in that server's terms, so nothing is
    /// reported. Answers are cached per parameter for the compilation. A call through a method of the project's own
    /// interface is followed to that method's only implementation in the project (<see cref="SoleImplementations"/>):
    /// <c>chatClientFactory.CreateOpenAi(key, model)</c> where the sealed <c>ChatClientFactory</c> does
    /// <c>new ChatClient(model, apiKey)</c> (review61, DocTranslator.LLM).
    /// </summary>
    internal sealed class HelperParameterSlots
    {
        private readonly ConcurrentDictionary<IParameterSymbol, SlotKind> sdkSlots = new ConcurrentDictionary<IParameterSymbol, SlotKind>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IParameterSymbol, (ParameterBodyReach Reach, string? Provider)> rawBodies = new ConcurrentDictionary<IParameterSymbol, (ParameterBodyReach, string?)>(SymbolEqualityComparer.Default);
        private readonly SoleImplementations implementations = new SoleImplementations();

        /// <summary>Whether a call of a project method may be a helper whose parameters reach a model slot (cheap test first).</summary>
        public static bool IsCandidate(IMethodSymbol method, Compilation compilation) =>
            (method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
                && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern
                && method.ContainingType?.TypeKind != TypeKind.Interface
                && method.ExplicitInterfaceImplementations.IsEmpty
                && SourceBodies.IsInSource(method, compilation)
                && method.OriginalDefinition.DeclaringSyntaxReferences.Length == 1)
            || SoleImplementations.IsCandidate(method.OriginalDefinition, compilation);

        /// <summary>
        /// The ids an argument hands a helper's parameter that reaches a model slot or a raw body's model
        /// (<see cref="SentTo"/>): a constant, or each constant a helper of the project returns there
        /// (<see cref="HelperReturnIds"/>), as in <c>CreateOpenAi(key, ModelOrDefault("INPUT_OPENAI_MODEL",
        /// DefaultOpenAiModel))</c>. Only ids the table knows; none when the parameter is not followed.
        /// <paramref name="sentTo"/> says whose ids count there and whether an SDK slot reads it.
        /// </summary>
        public IReadOnlyList<string> IdsPassed(IOperation argument, IParameterSymbol parameter, ModelTable table, KnownModelSymbols symbols, RawHttpModelIds? rawHttp, Compilation compilation, CancellationToken cancellationToken, out ConstructorArgumentSlots.Outcome sentTo)
        {
            sentTo = default;

            // The cheaper test first: most constant strings passed to project methods are not model ids.
            if (ModelIdValue.Fold(argument, cancellationToken) is { } id)
            {
                if (table.Find(id) == null)
                {
                    return System.Array.Empty<string>();
                }

                sentTo = SentTo(parameter, symbols, rawHttp, compilation, cancellationToken);
                return sentTo.Followed ? new[] { id } : System.Array.Empty<string>();
            }

            var ids = new List<string>(1);
            if (ModelIdValue.Unwrap(argument) is IInvocationOperation { TargetMethod.ReturnType.SpecialType: SpecialType.System_String } helper
                && SourceBodies.IsInSource(helper.TargetMethod, compilation)
                && (sentTo = SentTo(parameter, symbols, rawHttp, compilation, cancellationToken)).Followed)
            {
                foreach (var returned in HelperReturnIds.Of(helper, symbols, cancellationToken))
                {
                    if (!ids.Contains(returned) && table.Find(returned) != null)
                    {
                        ids.Add(returned);
                    }
                }
            }

            return ids;
        }

        /// <summary>
        /// Where the helper sends <paramref name="parameter"/>: SDK model slots that take OpenAI-style ids
        /// (<see cref="ReachesModelSlot"/>, every provider's ids count, <c>ViaSdk</c>), or, without such a slot, the model
        /// of raw request bodies that all go to one known provider (<see cref="RawHttpModelIds.BodiesSending"/>: OpenAI's
        /// host, every provider's ids; Anthropic's API, only Anthropic's). Not followed when a slot or a body sends it to
        /// another server, an Azure deployment or a test fixture, nor when both an SDK slot and an Anthropic body read it.
        /// </summary>
        public ConstructorArgumentSlots.Outcome SentTo(IParameterSymbol parameter, KnownModelSymbols symbols, RawHttpModelIds? rawHttp, Compilation compilation, CancellationToken cancellationToken)
        {
            var notFollowed = new ConstructorArgumentSlots.Outcome(false, null, false);
            var sdk = SdkSlotsOf(parameter, symbols, compilation, cancellationToken);
            var (raw, provider) = rawHttp != null ? RawBodiesOf(parameter, rawHttp, compilation, cancellationToken) : (ParameterBodyReach.None, null);
            if (sdk == SlotKind.Excluded || raw == ParameterBodyReach.Elsewhere)
            {
                return notFollowed;
            }

            if (sdk == SlotKind.OpenAIStyle)
            {
                // The SDK's slots check every provider's ids; an Anthropic body beside them is a provider switch.
                return raw == ParameterBodyReach.None || provider == RawHttpModelIds.AnyProvider
                    ? new ConstructorArgumentSlots.Outcome(true, null, true)
                    : notFollowed;
            }

            return raw == ParameterBodyReach.KnownProvider
                ? new ConstructorArgumentSlots.Outcome(true, provider == RawHttpModelIds.AnyProvider ? null : provider, false)
                : notFollowed;
        }

        /// <summary>Whether the helper hands <paramref name="parameter"/> unchanged to a model slot, and only to slots that take OpenAI-style ids.</summary>
        public bool ReachesModelSlot(IParameterSymbol parameter, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken) =>
            SdkSlotsOf(parameter, symbols, compilation, cancellationToken) == SlotKind.OpenAIStyle;

        private SlotKind SdkSlotsOf(IParameterSymbol parameter, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken) =>
            sdkSlots.GetOrAdd(parameter.OriginalDefinition, p => Compute(p, symbols, compilation, cancellationToken));

        /// <summary>
        /// Whether the method of <paramref name="parameter"/> (an interface member's: its only implementation in the
        /// project) writes the parameter, never written itself, as the model of a raw request body it posts only to OpenAI's own
        /// host (<see cref="RawHttpModelIds.BodiesSending"/>): the raw-HTTP twin of <see cref="ReachesModelSlot"/>.
        /// </summary>
        public bool ReachesRawModelBody(IParameterSymbol parameter, RawHttpModelIds rawHttp, Compilation compilation, CancellationToken cancellationToken) =>
            RawBodiesOf(parameter, rawHttp, compilation, cancellationToken) is (ParameterBodyReach.KnownProvider, RawHttpModelIds.AnyProvider);

        private (ParameterBodyReach Reach, string? Provider) RawBodiesOf(IParameterSymbol parameter, RawHttpModelIds rawHttp, Compilation compilation, CancellationToken cancellationToken) =>
            rawBodies.GetOrAdd(parameter.OriginalDefinition, p => ComputeRaw(p, rawHttp, compilation, cancellationToken));

        private (ParameterBodyReach Reach, string? Provider) ComputeRaw(IParameterSymbol parameter, RawHttpModelIds rawHttp, Compilation compilation, CancellationToken cancellationToken)
        {
            if (parameter.ContainingSymbol is IMethodSymbol { ContainingType.TypeKind: TypeKind.Interface } contract)
            {
                return implementations.Of(contract, compilation, cancellationToken) is { } implementation
                    && parameter.Ordinal < implementation.Parameters.Length
                    ? ComputeRaw(implementation.Parameters[parameter.Ordinal], rawHttp, compilation, cancellationToken)
                    : (ParameterBodyReach.None, null);
            }

            if (!IsUnwrittenString(parameter, out var method, cancellationToken))
            {
                return (ParameterBodyReach.Elsewhere, null);
            }

            var reach = rawHttp.BodiesSending(method, parameter, compilation, cancellationToken, out var provider);
            return (reach, provider);
        }

        // A by-value string parameter of a method declared once, that nothing in the method writes (`model ??= ...`).
        internal static bool IsUnwrittenString(IParameterSymbol parameter, out IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = null!;
            if (parameter.RefKind != RefKind.None
                || parameter.Type.SpecialType != SpecialType.System_String
                || parameter.ContainingSymbol is not IMethodSymbol declaring
                || declaring.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            method = declaring;
            return !declaring.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>()
                .Any(identifier => identifier.Identifier.ValueText == parameter.Name && ModelIdValue.IsWritten(identifier));
        }

        private SlotKind Compute(IParameterSymbol parameter, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            // A parameter of an interface method: the same parameter of the method every call runs, if there is one.
            if (parameter.ContainingSymbol is IMethodSymbol { ContainingType.TypeKind: TypeKind.Interface } contract)
            {
                return implementations.Of(contract, compilation, cancellationToken) is { } implementation
                    && parameter.Ordinal < implementation.Parameters.Length
                    ? Compute(implementation.Parameters[parameter.Ordinal], symbols, compilation, cancellationToken)
                    : SlotKind.None;
            }

            return SlotsOf(parameter, symbols, compilation, cancellationToken) switch
            {
                null => SlotKind.Excluded,
                { Count: > 0 } => SlotKind.OpenAIStyle,
                _ => SlotKind.None,
            };
        }

        /// <summary>
        /// The model slots of its own method's body that <paramref name="parameter"/>, a by-value string the method never
        /// writes, is handed to unchanged: each slot's member (the SDK method or constructor taking it, or the request
        /// property it is assigned to); empty when it reaches none. Null when the method writes it, or when one of them takes an Azure deployment name, goes
        /// to another server, or is a test project's provider-neutral fixture: then no slot makes the argument an
        /// OpenAI-style id. Uncached; the project summary asks it once per parameter (Summaries/ModelParameterSummary).
        /// </summary>
        internal static List<ISymbol>? SlotsOf(IParameterSymbol parameter, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            if (!IsUnwrittenString(parameter, out var method, cancellationToken))
            {
                return null;
            }

            List<ISymbol>? slots = null;
            foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (operation is not IParameterReferenceOperation reference
                        || !SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition))
                    {
                        continue;
                    }

                    switch (SlotFilledBy(reference, symbols, cancellationToken, out var slotMember))
                    {
                        case SlotKind.OpenAIStyle:
                            (slots ??= new List<ISymbol>(1)).Add(slotMember!);
                            break;
                        case SlotKind.Excluded:
                            return null;
                    }
                }
            }

            return slots ?? new List<ISymbol>();
        }

        /// <summary>What a read of a string (a parameter, a field) is handed to unchanged, and which member takes it there.</summary>
        internal enum SlotKind
        {
            /// <summary>No model slot: logged, formatted, compared, passed to a project method.</summary>
            None,

            /// <summary>A model slot that takes an OpenAI-style model id.</summary>
            OpenAIStyle,

            /// <summary>A model slot that takes an Azure deployment name, goes to another server, or is a test fixture.</summary>
            Excluded,
        }

        /// <summary>
        /// Whether <paramref name="read"/> (past conversions and parentheses) is an argument of an SDK model parameter or
        /// the value assigned to a request's model property, and whether that slot takes an OpenAI-style id (see
        /// <see cref="SlotKind"/>); <paramref name="slotMember"/> receives the method, constructor or property.
        /// </summary>
        internal static SlotKind SlotFilledBy(IOperation read, KnownModelSymbols symbols, CancellationToken cancellationToken, out ISymbol? slotMember)
        {
            slotMember = null;
            var value = read;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            switch (value.Parent)
            {
                case IArgumentOperation argument when argument.ArgumentKind != ArgumentKind.DefaultValue && KnownModelSymbols.IsModelParameter(argument.Parameter):
                    var owner = argument.Parent;
                    if (owner == null
                        || AzureDeployments.TakesDeployment(owner, symbols, cancellationToken)
                        || OtherEndpoints.SendsElsewhere(owner, symbols, cancellationToken))
                    {
                        return SlotKind.Excluded;
                    }

                    slotMember = argument.Parameter!.ContainingSymbol;
                    return SlotKind.OpenAIStyle;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                        when ReferenceEquals(assignment.Value, value) && KnownModelSymbols.IsModelProperty(property.Property):
                    if (AzureDeployments.IsAzureSettings(property, symbols)
                        || (symbols.IsTestProject && symbols.IsProviderNeutralRequest(property.Property.ContainingType)))
                    {
                        // In a test project a provider-neutral request is usually a fixture for a fake client.
                        return SlotKind.Excluded;
                    }

                    slotMember = property.Property;
                    return SlotKind.OpenAIStyle;
                default:
                    return SlotKind.None;
            }
        }
    }
}
