using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using AiLint.Generators;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Schema;

/// <summary>Runs <see cref="LlmSchemaGenerator"/> over test sources, and compiles and loads the result in memory.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// The harness references plus System.Memory.Data (BinaryData), which the OpenAI package brings transitively to
    /// real projects; generated OpenAI bindings need it.
    /// </summary>
    public static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ReferenceAssemblies.Default.Add(MetadataReference.CreateFromFile(typeof(BinaryData).Assembly.Location)));

    public static CSharpCompilation CreateCompilation(string source, ImmutableArray<MetadataReference>? references = null) =>
        CreateCompilation(new[] { source }, references);

    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, ImmutableArray<MetadataReference>? references = null) =>
        CreateCompilation(sources, ParseOptions, NullableContextOptions.Enable, references);

    /// <summary>A compilation at a given language version and nullable context (C# 7.3 allows only <see cref="NullableContextOptions.Disable"/>).</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, CSharpParseOptions parseOptions, NullableContextOptions nullable, ImmutableArray<MetadataReference>? references = null) =>
        CSharpCompilation.Create(
            "SchemaTests" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"/0/Test{i}.cs")),
            references ?? References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable)
                .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["OPENAI001"] = ReportDiagnostic.Suppress }));

    /// <summary>A driver with the project's parse options, as MSBuild creates it (the generator reads the language version from them).</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new LlmSchemaGenerator().AsSourceGenerator() },
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator with the compilation's own parse options; fails on generator exceptions.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result) Run(Compilation compilation)
    {
        var parseOptions = (CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options ?? ParseOptions;
        var driver = CreateDriver(parseOptions: parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult();
        var exceptions = result.Results.Where(r => r.Exception is not null).Select(r => r.Exception!.ToString()).ToList();
        Assert.True(exceptions.Count == 0, "The generator threw: " + string.Join(Environment.NewLine, exceptions));
        return (output, result);
    }

    /// <summary>The generated source whose hint name ends with <paramref name="suffix"/>.</summary>
    public static string GeneratedSource(GeneratorDriverRunResult result, string suffix) =>
        result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName.EndsWith(suffix, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Runs the generator, requires an error-free compilation, and loads it into a collectible context.</summary>
    public static LoadedAssembly CompileAndLoad(string source)
    {
        var (output, _) = Run(CreateCompilation(source));
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains(".g.cs", StringComparison.Ordinal) == true)).ToList();
        Assert.True(errors.Count == 0, "The generated code does not compile cleanly:" + Environment.NewLine + string.Join(Environment.NewLine, errors)
            + Environment.NewLine + string.Join(Environment.NewLine + "-----" + Environment.NewLine, output.SyntaxTrees.Skip(1).Select(t => t.ToString())));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("schema-test", isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }
}

/// <summary>An in-memory compiled test assembly; unloads its context when disposed.</summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly AssemblyLoadContext context;

    public LoadedAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        this.context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public SchemaType Type(string fullName) => new(Assembly.GetType(fullName, throwOnError: true)!);

    public void Dispose() => context.Unload();
}

/// <summary>Calls the generated static API of one schema type.</summary>
internal sealed class SchemaType
{
    public SchemaType(Type type) => ClrType = type;

    public Type ClrType { get; }

    public string GetJsonSchema(LlmProvider provider)
    {
        try
        {
            return (string)ClrType.GetMethod("GetJsonSchema")!.Invoke(null, new object[] { provider })!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    public (bool Ok, object? Value, IReadOnlyList<SchemaViolation> Violations) TryParse(string json, LlmProvider provider = LlmProvider.OpenAI, LlmParseMode mode = LlmParseMode.Strict)
    {
        var args = new object?[] { json, provider, mode, null, null };
        var ok = (bool)ClrType.GetMethod("TryParseLlmJson")!.Invoke(null, args)!;
        return (ok, args[3], (IReadOnlyList<SchemaViolation>)args[4]!);
    }

    public object? Invoke(string method, params object?[] args)
    {
        try
        {
            return ClrType.GetMethod(method)!.Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
