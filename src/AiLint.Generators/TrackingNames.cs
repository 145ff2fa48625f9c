namespace AiLint.Generators
{
    /// <summary>Names of the tracked pipeline steps; incrementality tests assert on them.</summary>
    internal static class TrackingNames
    {
        /// <summary>Each tree's root (the syntax provider's transform; the same node instance while the tree is unchanged).</summary>
        public const string CompilationUnits = nameof(CompilationUnits);

        /// <summary>Each changed tree's declaration fingerprint.</summary>
        public const string DeclarationFingerprints = nameof(DeclarationFingerprints);

        /// <summary>The compilation behind its declaration key: Unchanged while no declaration, reference or relevant option changes.</summary>
        public const string Declarations = nameof(Declarations);

        /// <summary>All [LlmSchema] models of the compilation, extracted in one pass; runs only when <see cref="Declarations"/> changes.</summary>
        public const string SchemaExtraction = nameof(SchemaExtraction);

        /// <summary>One model per [LlmSchema] type, so each type's output is cached on its own.</summary>
        public const string SchemaTypes = nameof(SchemaTypes);

        public const string SdkFlags = nameof(SdkFlags);

        /// <summary>Whether the consumer's C# version allows nullable annotations; changes only with the language version.</summary>
        public const string OutputLanguage = nameof(OutputLanguage);

        public const string TypesWithFlags = nameof(TypesWithFlags);
        public const string RuntimeNeeded = nameof(RuntimeNeeded);
    }
}
