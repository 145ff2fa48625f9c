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
    public static TheoryData<string> Tables() => new() { "Llm", "Retry", "Prompts", "Tools", "Spans", "Models" };

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
            "Tools" => KnownToolSymbols.TryCreate(compilation),
            "Spans" => KnownSpanSymbols.TryCreate(compilation),
            "Models" => KnownModelSymbols.Create(compilation),
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
