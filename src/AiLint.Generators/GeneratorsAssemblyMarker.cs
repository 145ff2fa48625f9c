namespace AiLint.Generators
{
    /// <summary>Lets tests and tools find this assembly without depending on a particular generator type.</summary>
    internal static class GeneratorsAssemblyMarker
    {
    }
}
