using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Text files the project embeds (<c>&lt;EmbeddedResource Include="Prompts\system.txt" /&gt;</c>) named by the
    /// resource stream the code opens: <c>assembly.GetManifestResourceStream("MyApp.Prompts.system.txt")</c>. The build
    /// names such a resource after the root namespace and the file's path with dots for separators, so a constant name
    /// that ends with the file's dotted path names it. A resource renamed by <c>LogicalName</c>, or under a folder whose
    /// name is not an identifier (the build renames it in the resource name), is not matched: quiet rather than a guess.
    /// </summary>
    internal sealed class EmbeddedPromptResources
    {
        private readonly ImmutableArray<(AdditionalText File, string Id)> files;
        private readonly INamedTypeSymbol? assembly;

        public EmbeddedPromptResources(Compilation compilation, ImmutableArray<(AdditionalText File, string Id)> files)
        {
            this.files = files;
            assembly = files.IsEmpty ? null : compilation.GetTypeByMetadataName("System.Reflection.Assembly");
        }

        /// <summary>The embedded file a resource stream opens, or null (not a constant name, or not one file's).</summary>
        public AdditionalText? Named(IOperation? stream)
        {
            if (files.IsEmpty
                || !(stream is IInvocationOperation { TargetMethod: { Name: "GetManifestResourceStream" } method } invocation)
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, assembly)
                || invocation.Arguments.Length == 0
                || !(invocation.Arguments[invocation.Arguments.Length - 1].Value.ConstantValue.Value is string name))
            {
                return null;
            }

            // GetManifestResourceStream(typeof(Program), "Prompts.system.txt") names it after the type's namespace: the
            // constant is the dotted path itself.
            AdditionalText? match = null;
            foreach (var file in files)
            {
                var dotted = file.Id.Replace('/', '.');
                if (string.Equals(name, dotted, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + dotted, StringComparison.OrdinalIgnoreCase))
                {
                    if (match != null)
                    {
                        return null;
                    }

                    match = file.File;
                }
            }

            return match;
        }
    }
}
