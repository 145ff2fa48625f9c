using AiLint.Generators.Model;
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
    [Generator(LanguageNames.CSharp)]
    public sealed partial class LlmSchemaGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var types = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    "AiLint.LlmSchemaAttribute",
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (attributeContext, cancellationToken) => Parser.Parse(attributeContext, cancellationToken))
                .WithTrackingName(TrackingNames.SchemaTypes)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.PartialSchemaTypes);

            // Only a flags record leaves the compilation, so an edit that does not change references is Cached downstream.
            var sdk = context.CompilationProvider
                .Select(static (compilation, _) => Parser.ReadSdkFlags(compilation))
                .WithTrackingName(TrackingNames.SdkFlags);

            var typesWithFlags = types.Combine(sdk).WithTrackingName(TrackingNames.TypesWithFlags);
            context.RegisterSourceOutput(typesWithFlags, static (output, pair) =>
            {
                if (pair.Right.HasSystemTextJson)
                {
                    output.AddSource(pair.Left.HintName, Emitter.EmitType(pair.Left, pair.Right));
                }
            });

            var runtimeNeeded = types.Collect()
                .Combine(sdk)
                .Select(static (pair, _) => pair.Left.Length > 0 && pair.Right.HasSystemTextJson)
                .WithTrackingName(TrackingNames.RuntimeNeeded);
            context.RegisterSourceOutput(runtimeNeeded, static (output, needed) =>
            {
                if (needed)
                {
                    output.AddSource(Emit.RuntimeSource.HintName, Emit.RuntimeSource.Text);
                }
            });
        }
    }
}
