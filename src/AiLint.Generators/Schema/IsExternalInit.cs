namespace System.Runtime.CompilerServices
{
    /// <summary>
    /// Lets netstandard2.0 compile records and init accessors. It lives in Schema/ because that folder is also compiled
    /// into AiLint.Analyzers, whose copy of the schema shapes (records) needs it too.
    /// </summary>
    internal static class IsExternalInit
    {
    }
}
