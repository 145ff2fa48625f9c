using System.Collections;
using System.Reflection;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Models;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Analyzers.Rules.Spans;
using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Meta;

/// <summary>
/// Every SDK type or member the rules look up by name resolves against the real SDK assemblies the tests reference, so
/// a rename in a new SDK version fails here, precisely, instead of silently switching a rule off. (Method names matched
/// by string inside these tables are covered by each rule's positive tests.)
/// </summary>
public class SdkNameResolutionTests
{
    // "Prompts.OneUserMessages": a slot reader that the Prompts table holds and that looks up its own SDK types.
    public static TheoryData<string> Tables() => new() { "Llm", "Retry", "Prompts", "Prompts.OneUserMessages", "Tools", "Spans", "Models", "Flurl", "RestSharp" };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_looked_up_symbol_resolves(string table)
    {
        var compilation = CSharpCompilation.Create("Probe", references: ReferenceAssemblies.Default);
        object? symbols = table switch
        {
            "Llm" => KnownLlmSymbols.Create(compilation),
            "Retry" => new KnownRetrySymbols(compilation),
            "Prompts" => KnownPromptSymbols.Create(compilation),
            "Prompts.OneUserMessages" => KnownPromptSymbols.Create(compilation).OneUserMessages,
            "Tools" => KnownToolSymbols.TryCreate(compilation),
            "Spans" => KnownSpanSymbols.TryCreate(compilation),
            "Models" => KnownModelSymbols.Create(compilation),
            "Flurl" => KnownFlurlSymbols.For(compilation),
            "RestSharp" => KnownRestSharpSymbols.For(compilation),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
        Assert.NotNull(symbols);

        var unresolved = new List<string>();
        foreach (var (name, value) in Members(symbols!))
        {
            var key = table + "." + name;
            if (value is null)
            {
                unresolved.Add(key);
            }
            else if (value is IEnumerable items and not string)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is null)
                    {
                        unresolved.Add($"{key}[{index}]");
                    }

                    index++;
                }
            }
        }

        Assert.True(unresolved.Count == 0, "Unresolved against the referenced SDKs: " + string.Join(", ", unresolved));
    }

    public static TheoryData<string> OlderSdks() => new() { "AzureOpenAIBeta", "AzureAIInference", "Betalgo", "OpenAIApi" };

    /// <summary>
    /// The pre-2.0 and community SDKs are not in the default references (Azure.AI.OpenAI 1.0.0-beta has the 2.x
    /// package's assembly name): each one's entry point types, their method names, and its prompt-slot types resolve
    /// against its own real assembly (Verifiers/OlderSdkReferences).
    /// </summary>
    [Theory]
    [MemberData(nameof(OlderSdks))]
    public void Older_and_community_SDK_names_resolve_against_their_own_assemblies(string sdk)
    {
        var (references, entryPointTypes) = sdk switch
        {
            "AzureOpenAIBeta" => (OlderSdkReferences.AzureOpenAIBeta, new[] { "Azure.AI.OpenAI.OpenAIClient" }),
            "AzureAIInference" => (OlderSdkReferences.AzureAIInference, new[] { "Azure.AI.Inference.ChatCompletionsClient" }),
            "Betalgo" => (OlderSdkReferences.Betalgo, new[] { "Betalgo.Ranul.OpenAI.Interfaces.IChatCompletionService", "Betalgo.Ranul.OpenAI.Interfaces.ICompletionService" }),
            "OpenAIApi" => (OlderSdkReferences.OpenAIApi, new[]
            {
                "OpenAI_API.Chat.IChatEndpoint", "OpenAI_API.Chat.ChatEndpoint", "OpenAI_API.Chat.Conversation",
                "OpenAI_API.Completions.ICompletionEndpoint", "OpenAI_API.Completions.CompletionEndpoint",
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(sdk)),
        };
        var compilation = CSharpCompilation.Create("Probe", references: references);

        var entries = KnownLlmSymbols.Create(compilation).Entries().Where(e => e.Sdk.ToString() == sdk).ToList();
        Assert.Equal(entryPointTypes.OrderBy(n => n, StringComparer.Ordinal), entries.Select(e => e.Type.ToDisplayString()).OrderBy(n => n, StringComparer.Ordinal));
        var missingMethods = entries
            .SelectMany(e => e.Methods.Where(name => !IsMethodOf(e.Type, name)).Select(name => e.Type.Name + "." + name))
            .ToList();
        Assert.True(missingMethods.Count == 0, "Not methods of the SDK type: " + string.Join(", ", missingMethods));

        var slots = KnownPromptSymbols.Create(compilation).OlderSdks;
        var unresolved = slots.GetType().GetProperties()
            .Where(p => p.PropertyType == typeof(INamedTypeSymbol) && p.Name.StartsWith(sdk.Replace("AzureAIInference", "Inference").Replace("AzureOpenAIBeta", "AzureBeta"), StringComparison.Ordinal))
            .Where(p => p.GetValue(slots) is null)
            .Select(p => p.Name)
            .ToList();
        Assert.True(unresolved.Count == 0, "Unresolved prompt-slot types: " + string.Join(", ", unresolved));
        Assert.True(slots.HasAnySlot);
    }

    /// <summary>A method of <paramref name="type"/> (or of an interface it extends), or an extension method of its assembly on it.</summary>
    private static bool IsMethodOf(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).OfType<IMethodSymbol>().Any()
        || type.AllInterfaces.Any(i => i.GetMembers(name).OfType<IMethodSymbol>().Any())
        || type.ContainingAssembly.GlobalNamespace.GetNamespaceMembers().SelectMany(AllTypes)
            .SelectMany(t => t.GetMembers(name).OfType<IMethodSymbol>())
            .Any(m => m.IsExtensionMethod && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type.OriginalDefinition, type));

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().Concat(ns.GetNamespaceMembers().SelectMany(AllTypes));

    /// <summary>Fields and properties holding symbols (or collections of them).</summary>
    private static IEnumerable<(string Name, object? Value)> Members(object symbols)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var field in symbols.GetType().GetFields(flags))
        {
            if (HoldsSymbols(field.FieldType) && !field.Name.Contains("k__BackingField", StringComparison.Ordinal))
            {
                yield return (field.Name, field.GetValue(symbols));
            }
        }

        foreach (var property in symbols.GetType().GetProperties(flags))
        {
            if (HoldsSymbols(property.PropertyType) && property.GetIndexParameters().Length == 0)
            {
                yield return (property.Name, property.GetValue(symbols));
            }
        }
    }

    private static bool HoldsSymbols(Type type) =>
        typeof(ISymbol).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericArguments().Any(a => typeof(ISymbol).IsAssignableFrom(a)));
}
