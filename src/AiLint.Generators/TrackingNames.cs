namespace AiLint.Generators
{
    /// <summary>Names of the tracked pipeline steps; incrementality tests assert on them.</summary>
    internal static class TrackingNames
    {
        public const string SchemaTypes = nameof(SchemaTypes);
        public const string PartialSchemaTypes = nameof(PartialSchemaTypes);
        public const string SdkFlags = nameof(SdkFlags);
        public const string TypesWithFlags = nameof(TypesWithFlags);
        public const string RuntimeNeeded = nameof(RuntimeNeeded);
    }
}
