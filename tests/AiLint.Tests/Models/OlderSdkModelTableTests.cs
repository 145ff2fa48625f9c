using System.Reflection;
using System.Runtime.Loader;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Models;

/// <summary>
/// The community SDKs' model catalogs are properties, not constants, so the analyzer reads them from a table
/// (<see cref="KnownOlderSdkModelSymbols"/>). These tests load the real assemblies (Verifiers/OlderSdkReferences), call
/// each property, and compare: a renamed property or a changed id fails here. Every catalog property whose id the
/// shipped model table knows must be in the analyzer's table, so that no retired or floating id the SDK offers is missed.
/// </summary>
public class OlderSdkModelTableTests
{
    [Fact]
    public void Betalgo_Models_properties_return_the_ids_the_analyzer_reads()
    {
        var models = LoadType(OlderSdkReferences.Betalgo, "Betalgo.Ranul.OpenAI", "Betalgo.Ranul.OpenAI.ObjectModels.Models");
        var actual = FixedIds(models, value => (string?)value);

        AssertTableMatches(KnownOlderSdkModelSymbols.BetalgoModelIds, actual);
    }

    [Fact]
    public void OpenAIApi_Model_properties_return_the_ids_the_analyzer_reads()
    {
        var model = LoadType(OlderSdkReferences.OpenAIApi, "OpenAI_API", "OpenAI_API.Models.Model");
        var modelId = model.GetProperty("ModelID")!;
        var actual = FixedIds(model, value => value == null ? null : (string?)modelId.GetValue(value));

        AssertTableMatches(KnownOlderSdkModelSymbols.OpenAIApiModelIds, actual);

        // The settable defaults are not fixed ids, and are left out on purpose.
        Assert.NotNull(model.GetProperty("DefaultChatModel")!.SetMethod);
        Assert.False(KnownOlderSdkModelSymbols.OpenAIApiModelIds.ContainsKey("DefaultChatModel"));
    }

    [Theory]
    [InlineData("Betalgo")]
    [InlineData("OpenAIApi")]
    public void The_older_SDK_model_symbols_resolve_against_their_own_assemblies(string sdk)
    {
        var references = sdk == "Betalgo" ? OlderSdkReferences.Betalgo : OlderSdkReferences.OpenAIApi;
        var symbols = new KnownOlderSdkModelSymbols(CSharpCompilation.Create("Probe", references: references));

        var unresolved = typeof(KnownOlderSdkModelSymbols).GetProperties()
            .Where(p => p.PropertyType == typeof(INamedTypeSymbol) && p.Name.StartsWith(sdk, StringComparison.Ordinal))
            .Where(p => p.GetValue(symbols) is null)
            .Select(p => p.Name)
            .ToList();

        Assert.True(symbols.HasAny);
        Assert.Empty(unresolved);
    }

    [Fact]
    public void Without_the_community_SDKs_nothing_resolves_and_no_slot_is_read()
    {
        var symbols = new KnownOlderSdkModelSymbols(CSharpCompilation.Create("Probe", references: ReferenceAssemblies.Default));
        Assert.False(symbols.HasAny);
    }

    /// <summary>Each catalog entry the analyzer knows is the SDK's, and each SDK property whose id the shipped table knows is known.</summary>
    private static void AssertTableMatches(IReadOnlyDictionary<string, string> table, Dictionary<string, string> actual)
    {
        foreach (var (name, id) in table)
        {
            Assert.True(actual.TryGetValue(name, out var shipped), $"'{name}' is not a get-only static property of the SDK's catalog.");
            Assert.Equal(shipped, id);
        }

        var known = new HashSet<string>(ShippedModelTable.Rows.Select(row => row.Id), StringComparer.Ordinal);
        var missed = actual.Where(entry => known.Contains(entry.Value) && !table.ContainsKey(entry.Key)).Select(entry => entry.Key).ToList();
        Assert.True(missed.Count == 0, "Catalog properties whose id the model table knows, not read: " + string.Join(", ", missed));
    }

    /// <summary>The value of every get-only public static property of <paramref name="type"/>, as an id.</summary>
    private static Dictionary<string, string> FixedIds(Type type, Func<object?, string?> idOf)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Static))
        {
            if (property.SetMethod == null && idOf(property.GetValue(null)) is { } id)
            {
                ids[property.Name] = id;
            }
        }

        return ids;
    }

    /// <summary>
    /// Loads the SDK's real assembly in a context of its own, resolving its dependencies from the same reference set
    /// (the package versions the SDK was built against), so that nothing the test host loaded stands in for them.
    /// </summary>
    private static Type LoadType(IEnumerable<MetadataReference> references, string assemblyName, string typeName)
    {
        var paths = references.OfType<PortableExecutableReference>()
            .Select(r => r.FilePath)
            .Where(path => path != null)
            .GroupBy(path => Path.GetFileNameWithoutExtension(path!), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.First()!, StringComparer.OrdinalIgnoreCase);
        var context = new AssemblyLoadContext("AiLint.OlderSdk." + assemblyName, isCollectible: true);
        context.Resolving += (loader, name) => name.Name != null && paths.TryGetValue(name.Name, out var path) ? loader.LoadFromAssemblyPath(path) : null;
        var assembly = context.LoadFromAssemblyPath(paths[assemblyName]);
        return assembly.GetType(typeName, throwOnError: true)!;
    }
}
