using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests;

/// <summary>
/// samples/SupportAssistant as tests load it: its sources (with the global usings its web SDK generates), its eval and
/// model-table files as AdditionalFiles, its .editorconfig and globalconfig files, and AiLint's generators.
/// </summary>
internal static class SampleApp
{
    public static readonly string Directory = RepositoryPaths.Combine("samples", "SupportAssistant");

    /// <summary>The implicit usings of Microsoft.NET.Sdk.Web, which `dotnet build` generates for the sample.</summary>
    public const string WebImplicitUsings = """
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>The sample as a project (no generator run yet), compiled against <paramref name="references"/>.</summary>
    public static Project CreateProject(ImmutableArray<MetadataReference> references)
    {
        var sources = Files("*.cs").Select(p => (p, File.ReadAllText(p))).ToList();
        sources.Add((Path.Combine(Directory, "obj", "GlobalUsings.g.cs"), WebImplicitUsings));
        var additional = Files("*.evals.jsonl").Concat(Files("*.ailint-models.json")).Select(p => (p, File.ReadAllText(p))).ToList();
        var configs = Files(".editorconfig").Concat(Files("*.globalconfig")).Select(p => (p, File.ReadAllText(p))).ToList();
        return TestProjectBuilder.Create(sources, additional, configs, references, OutputKind.ConsoleApplication, LanguageVersion.Latest);
    }

    /// <summary>A driver running AiLint's generators (the AiLint.Generators assembly) with the project's options.</summary>
    public static GeneratorDriver CreateGeneratorDriver(Project project)
    {
        var generators = typeof(global::AiLint.Generators.GeneratorsAssemblyMarker).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttribute<GeneratorAttribute>() is not null)
            .Select(t => ((IIncrementalGenerator)Activator.CreateInstance(t)!).AsSourceGenerator())
            .ToList();
        return CSharpGeneratorDriver.Create(generators, parseOptions: (CSharpParseOptions)project.ParseOptions!, optionsProvider: project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
    }

    /// <summary>The sample's files matching <paramref name="pattern"/>, outside bin/ and obj/, in a stable order.</summary>
    public static IEnumerable<string> Files(string pattern) =>
        System.IO.Directory.EnumerateFiles(Directory, pattern, SearchOption.AllDirectories)
            .Where(p => !Relative(p).StartsWith("bin/", StringComparison.Ordinal) && !Relative(p).StartsWith("obj/", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal);

    /// <summary>A path relative to the sample, with '/' separators.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Directory, path).Replace('\\', '/');
}
