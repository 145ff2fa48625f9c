using AiLint.Generators.Inputs;
using AiLint.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Generators
{
    /// <summary>
    /// Emits, for every <c>[LlmSchema]</c> partial type, per-provider JSON schemas (<c>GetJsonSchema</c>), a strict
    /// reflection-free parser (<c>TryParseLlmJson</c>/<c>ParseLlmJson</c>) and bindings for the provider SDKs the
    /// compilation references. Misuse (non-partial types, constructs a provider cannot express) is reported by
    /// <c>LlmSchemaAnalyzer</c> in AiLint.Analyzers, never by the generator.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why not <c>ForAttributeWithMetadataName</c>: Roslyn never treats a semantic transform's input as cached, so it
    /// re-ran the whole schema extraction for every <c>[LlmSchema]</c> type on every compilation change (a keystroke
    /// in any method body), and did <c>GetDeclaredSymbol</c> and <c>GetAttributes</c> per type on top. Instead the
    /// pipeline gates all semantic work behind a <see cref="DeclarationKey"/>: per-tree fingerprints of everything
    /// except member bodies (computed from syntax, for changed trees only), the references and the options that
    /// affect binding. While the key is equal the extraction step is Cached; a declaration edit re-extracts all types
    /// in one pass, and each type's output is still compared, so only the types whose model changed are emitted.
    /// </para>
    /// <para>
    /// Trade-offs: a declaration edit anywhere (a new unrelated type, a field) re-extracts every schema type; tracking
    /// which files a schema depends on would avoid that but would be easy to get wrong (base types, constants in
    /// attribute arguments, partial declarations, metadata). The fingerprint walk costs one syntax pass over each
    /// changed tree, which is small next to binding.
    /// </para>
    /// </remarks>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class LlmSchemaGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // The transform returns the root it is given: for an unchanged tree that is the same instance as last run,
            // so the step reports it Unchanged and the fingerprint below runs for changed trees only. Holding roots is
            // no leak: an entry is replaced as soon as its tree is.
            var perTree = context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => node is CompilationUnitSyntax, static (syntax, _) => (CompilationUnitSyntax)syntax.Node)
                .WithTrackingName(TrackingNames.CompilationUnits)
                .Select(static (root, cancellationToken) => TreeDeclarations.Compute(root, cancellationToken))
                .WithTrackingName(TrackingNames.DeclarationFingerprints);

            // Runs on every compilation change (cheap: a dictionary over the trees, the reference list, a few options);
            // the comparer makes it Unchanged, and everything below Cached, while the key is equal.
            var declarations = context.CompilationProvider
                .Combine(perTree.Collect())
                .Select(static (pair, cancellationToken) => new CompilationHandle(pair.Left, DeclarationKey.Create(pair.Left, pair.Right, cancellationToken)))
                .WithComparer(CompilationHandle.KeyComparer.Instance)
                .WithTrackingName(TrackingNames.Declarations);

            var extraction = declarations
                .Select(static (handle, cancellationToken) => Discovery.ExtractAll(handle.Compilation, handle.Key, cancellationToken))
                .WithTrackingName(TrackingNames.SchemaExtraction);

            var types = extraction
                .SelectMany(static (models, _) => models.AsImmutableArray())
                .WithTrackingName(TrackingNames.SchemaTypes);

            // SDK flags depend on references and source declarations only, both in the key.
            var sdk = declarations
                .Select(static (handle, _) => Discovery.ReadSdkFlags(handle.Compilation))
                .WithTrackingName(TrackingNames.SdkFlags);

            // The language version decides only whether the output may carry nullable annotations (C# 8); mapped to
            // one bool so an unrelated parse-option change (a preprocessor symbol) leaves the outputs cached.
            var language = context.ParseOptionsProvider
                .Select(static (options, _) => OutputLanguage.From(options))
                .WithTrackingName(TrackingNames.OutputLanguage);

            var typesWithFlags = types.Combine(sdk).Combine(language).WithTrackingName(TrackingNames.TypesWithFlags);
            context.RegisterSourceOutput(typesWithFlags, static (output, item) =>
            {
                var ((model, flags), outputLanguage) = item;
                if (flags.HasSystemTextJson)
                {
                    output.AddSource(model.HintName, Emitter.EmitType(model, flags, outputLanguage));
                }
            });

            var runtimeNeeded = extraction
                .Combine(sdk)
                .Select(static (pair, _) => pair.Left.Count > 0 && pair.Right.HasSystemTextJson)
                .WithTrackingName(TrackingNames.RuntimeNeeded)
                .Combine(language);
            context.RegisterSourceOutput(runtimeNeeded, static (output, pair) =>
            {
                if (pair.Left)
                {
                    output.AddSource(Emit.RuntimeSource.HintName, Emit.RuntimeSource.For(pair.Right));
                }
            });
        }
    }
}
