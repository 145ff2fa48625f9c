using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tool.Tests.Support;

/// <summary>Compiles test source against the real SDK assemblies this test project references (never fakes).</summary>
internal static class SdkCompilation
{
    /// <summary>Every assembly the test host runs with: the SDKs this project references, and the framework.</summary>
    public static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList());

    /// <summary>
    /// The same without the test framework's assemblies: an app's compilation. AIL0301 reads no system message in a
    /// project that references a unit-test framework (its messages are fixtures), and the test host loads xUnit.
    /// </summary>
    public static readonly Lazy<IReadOnlyList<MetadataReference>> AppReferences = new(() =>
        References.Value
            .Where(r => !Path.GetFileName(r.Display ?? string.Empty).StartsWith("xunit", StringComparison.OrdinalIgnoreCase))
            .ToList());

    public static CSharpCompilation Create(string source, string path = "/repo/App/Code.cs") => Create(source, [], path);

    /// <summary>The same, with <paramref name="extra"/> assemblies (a community SDK the test host does not load).</summary>
    public static CSharpCompilation Create(string source, IReadOnlyList<MetadataReference> extra, string path = "/repo/App/Code.cs") =>
        CSharpCompilation.Create(
            "App",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path)],
            References.Value.Concat(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
}
