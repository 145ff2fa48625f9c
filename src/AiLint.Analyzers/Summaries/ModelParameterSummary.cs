using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// Model-id parameters across projects (AIL0501-AIL0503): an Infrastructure project declares <c>public
    /// OpenAiChatService(string apiKey, string model = "gpt-4o") { _chat = new ChatClient(model, apiKey); }</c> and the
    /// host writes <c>new OpenAiChatService(key, "gpt-4-0613")</c>. The host's compilation sees only metadata, so the
    /// library records, under <see cref="Key"/>, each public or protected method or constructor of a public type whose
    /// string parameters reach a model slot of a named provider: <c>docId|1:openai</c> (ordinal <c>:</c> provider, comma
    /// separated). Read by the Models analyzer in referencing projects (<see cref="ReferencedModelParameters"/>).
    /// </summary>
    /// <remarks>
    /// A parameter is recorded when the method hands it, never written, to slots that take OpenAI-style ids
    /// (<see cref="HelperParameterSlots.SlotsOf"/>, the reading the in-project helper rule uses), or when a constructor
    /// stores it in a string field (<c>_model = model;</c>) that its constructors fix (<see cref="ConstructorFieldValues"/>)
    /// and a member of the type hands to such a slot. Any slot that takes an Azure deployment name, goes to another
    /// server or is a test fixture, or slots of two providers, leave the parameter out. An interface member is recorded
    /// when every class or struct of the project implementing it maps it to a method recorded with the same ordinals
    /// and providers. Virtual, abstract and override methods are not (another body may run). Kept apart from the other
    /// entries, like <see cref="SettingsModelDefaults"/>: an older reader does not know the key and ignores it.
    /// </remarks>
    internal static class ModelParameterSummary
    {
        /// <summary>Value: the member's documentation-comment id, <c>|</c>, and <c>ordinal:provider</c> pairs joined by <c>,</c>.</summary>
        public const string Key = "AiLint.ModelParameter";

        /// <summary>The OpenAI SDK's slots (and the older OpenAI SDKs').</summary>
        public const string OpenAI = "openai";

        /// <summary>Anthropic's SDK (<see cref="SlotProviders"/>): only the Anthropic rows of the model table apply there.</summary>
        public const string Anthropic = "anthropic";

        /// <summary>Provider-neutral slots (<c>ChatOptions.ModelId</c>, Semantic Kernel, the Agent Framework).</summary>
        public const string Neutral = "neutral";

        /// <summary>The library side, in the order the declarations appear (the builder sorts all entries).</summary>
        public static List<SummaryEntry> Entries(Compilation compilation, CancellationToken cancellationToken) =>
            Entries(compilation, new SummarySemanticModels(compilation), cancellationToken);

        /// <param name="compilation">The project.</param>
        /// <param name="models">
        /// The summary's models without nullable analysis: each place a parameter is handed on is bound alone with them
        /// (its statement), and only a method with one that fills a model slot is read whole.
        /// </param>
        /// <param name="cancellationToken">Cancels the run.</param>
        public static List<SummaryEntry> Entries(Compilation compilation, SummarySemanticModels models, CancellationToken cancellationToken)
        {
            var entries = new List<SummaryEntry>();
            var symbols = KnownModelSymbols.Create(compilation);
            if (!symbols.HasAnySdk)
            {
                return entries;
            }

            var everyFile = ModelParameterCandidates.HasGlobalSdkUsing(compilation, cancellationToken);
            var examined = new Dictionary<IMethodSymbol, SortedDictionary<int, string>>(SymbolEqualityComparer.Default);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!everyFile && !ModelParameterCandidates.SpellsSdk(tree, cancellationToken))
                {
                    continue;
                }

                var model = SourceBodies.GetSemanticModel(compilation, tree);
                var quick = models.Get(tree);
                foreach (var declaration in ModelParameterCandidates.Of(tree.GetRoot(cancellationToken)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!ModelParameterCandidates.HandsToSlot(declaration, quick, cancellationToken)
                        || DeclaredMethod(declaration, quick, cancellationToken) is not { } method
                        || method.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor)
                        || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsStatic && method.MethodKind == MethodKind.Constructor)
                    {
                        continue;
                    }

                    var reached = ReachedParameters(method, declaration, model, symbols, compilation, cancellationToken);
                    examined[method] = reached;
                    if (reached.Count > 0 && IsRecordable(method) && method.GetDocumentationCommentId() is { } docId)
                    {
                        entries.Add(new SummaryEntry(Key, docId + "|" + Format(reached)));
                    }
                }
            }

            ModelParameterContracts.Add(examined, compilation, entries, cancellationToken);
            return entries;
        }

        // A method or constructor; for a class or struct with a parameter list, its primary constructor.
        private static IMethodSymbol? DeclaredMethod(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken) =>
            declaration is TypeDeclarationSyntax type
                ? (model.GetDeclaredSymbol(type, cancellationToken) as INamedTypeSymbol)?.InstanceConstructors.FirstOrDefault(constructor =>
                    constructor.DeclaringSyntaxReferences.Length == 1 && constructor.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) == type)
                : model.GetDeclaredSymbol(declaration, cancellationToken) as IMethodSymbol;

        internal static string Format(SortedDictionary<int, string> reached) =>
            string.Join(",", reached.Select(pair => pair.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + pair.Value));

        /// <summary>
        /// The provider one parameter's slots are recorded under: Anthropic's when they all are; otherwise OpenAI's when
        /// one is and the rest are provider-neutral (both check every id of the table). Null for Anthropic's slots beside
        /// another's (a provider switch: which provider gets the id is the caller's configuration) or for no slot.
        /// </summary>
        private static string? ProviderOfAll(List<ISymbol> slots)
        {
            var providers = slots.Select(ProviderOf).Distinct().ToList();
            if (providers.Count == 0 || (providers.Contains(Anthropic) && providers.Count > 1))
            {
                return null;
            }

            return providers.Contains(OpenAI) ? OpenAI : providers[0];
        }

        /// <summary>The provider name a slot's member is recorded under.</summary>
        private static string ProviderOf(ISymbol slotMember)
        {
            if (SlotProviders.Of(slotMember) is { } provider)
            {
                return provider;
            }

            // An adapter over a client (`chatClient.AsIChatClient(...)`, declared in Microsoft.Extensions.AI): the client's SDK.
            var type = slotMember is IMethodSymbol { IsExtensionMethod: true, Parameters.Length: > 0 } extension
                ? extension.Parameters[0].Type
                : slotMember.ContainingType;
            var ns = type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns == "OpenAI" || ns.StartsWith("OpenAI.", StringComparison.Ordinal) || ns.StartsWith("OpenAI_API", StringComparison.Ordinal) || ns.StartsWith("Betalgo.", StringComparison.Ordinal)
                ? OpenAI
                : Neutral;
        }

        /// <summary>The method's string parameters that reach model slots of one provider, with that provider.</summary>
        private static SortedDictionary<int, string> ReachedParameters(IMethodSymbol method, SyntaxNode declaration, SemanticModel model, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            var reached = new SortedDictionary<int, string>();
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.SpecialType != SpecialType.System_String || parameter.RefKind != RefKind.None
                    || HelperParameterSlots.SlotsOf(parameter, symbols, compilation, cancellationToken) is not { } slots)
                {
                    continue;
                }

                // A constructor's value kept by the type: a field it stores, or a primary constructor's captured parameter.
                var kept = declaration switch
                {
                    ConstructorDeclarationSyntax constructor => ModelParameterFields.StoredFieldSlots(constructor, parameter, model, symbols, cancellationToken),
                    TypeDeclarationSyntax type => ModelParameterFields.CapturedSlots(type, parameter, model, symbols, cancellationToken),
                    _ => new List<ISymbol>(),
                };
                if (kept is null)
                {
                    continue;
                }

                slots.AddRange(kept);

                if (ProviderOfAll(slots) is { } provider)
                {
                    reached[parameter.Ordinal] = provider;
                }
            }

            return reached;
        }

        /// <summary>Public or protected members of types reachable from outside (constructors included).</summary>
        internal static bool IsRecordable(IMethodSymbol method)
        {
            if (method.IsImplicitlyDeclared || method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
