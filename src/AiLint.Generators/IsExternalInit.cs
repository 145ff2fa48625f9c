namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 compile records and init accessors (generator-only models).</summary>
    internal static class IsExternalInit
    {
    }
}
