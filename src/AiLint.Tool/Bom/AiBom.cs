using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;

namespace AiLint.Tool.Bom;

/// <summary>Where something appears in source: a path relative to the input's folder ('/' separators) and a 1-based line.</summary>
internal sealed record SourceLocation(string Path, int Line) : IComparable<SourceLocation>
{
    public int CompareTo(SourceLocation? other) =>
        other is null ? 1 : string.CompareOrdinal(Path, other.Path) is var c and not 0 ? c : Line.CompareTo(other.Line);

    public override string ToString() => $"{Path}:{Line}";
}

/// <summary>An LLM SDK NuGet package resolved by restore.</summary>
/// <param name="Id">The package id as NuGet resolved it.</param>
/// <param name="Version">The resolved version.</param>
/// <param name="DependsOn">Purls of the other LLM SDK packages it depends on.</param>
internal sealed record BomPackage(string Id, string Version, ImmutableArray<string> DependsOn)
{
    /// <summary>The package URL (purl spec: type nuget, name and version percent-encoded where needed).</summary>
    public string Purl => $"pkg:nuget/{Uri.EscapeDataString(Id)}@{Uri.EscapeDataString(Version)}";
}

/// <summary>A model id, or an Azure OpenAI deployment name, passed to a model slot of an SDK.</summary>
/// <param name="Kind">A model id, or a deployment name (the customer's name for a deployment: no model facts).</param>
/// <param name="Provider">openai, azure-openai, anthropic, ollama... or null when the slot is provider-neutral (MEAI ChatOptions.ModelId).</param>
/// <param name="Id">The model id or deployment name as the code writes it.</param>
/// <param name="Source">How the id was read: literal (a string constant), enum-member (an SDK model enum, name converted) or catalog-member (a community SDK's model catalog entry).</param>
/// <param name="Slots">The SDK members that received it, e.g. OpenAI.Chat.ChatClient.ChatClient(model).</param>
/// <param name="Locations">Where it is passed.</param>
/// <param name="Facts">What the model table knows about it; null for a deployment.</param>
/// <param name="DependsOn">Purls of the SDK packages whose slots receive it.</param>
internal sealed record BomModel(ModelSlotKind Kind, string? Provider, string Id, string Source, ImmutableArray<string> Slots, ImmutableArray<SourceLocation> Locations, ModelFacts? Facts, ImmutableArray<string> DependsOn)
{
    public string BomRef => RefOf(Kind, Provider, Id);

    /// <summary>"model-id" or "deployment" (the ailint:model:kind property).</summary>
    public string KindName => KindNameOf(Kind);

    /// <summary>model:&lt;provider&gt;/&lt;id&gt;, or deployment:&lt;provider&gt;/&lt;name&gt;: a deployment named like a model is a different component.</summary>
    public static string RefOf(ModelSlotKind kind, string? provider, string id) =>
        $"{(kind == ModelSlotKind.Deployment ? "deployment" : "model")}:{provider ?? "unspecified"}/{id}";

    public static string KindNameOf(ModelSlotKind kind) => kind == ModelSlotKind.Deployment ? "deployment" : "model-id";
}

/// <summary>A prompt AiLint recognises (the same prompts as AIL0301) and its eval coverage.</summary>
internal sealed record BomPrompt(
    string ProjectRef,
    string Id,
    string? Sha256,
    SourceLocation Location,
    string Status,
    ImmutableArray<string> CoveringCases,
    string? LastPassingSha256,
    int InstructionsCovered,
    int Instructions,
    ImmutableArray<string> EvalFiles)
{
    /// <summary>
    /// Where this text is declared (path:line, and #hash prefix when another text of the id is declared there too),
    /// when its prompt id holds several texts (two written in one member share the member's id, docs/rules/AIL0301.md):
    /// each is its own component. Null when the id holds one text.
    /// </summary>
    public string? SharedIdSuffix { get; init; }

    /// <summary>prompt:&lt;project ref&gt;/&lt;id&gt;, and @&lt;path:line&gt; for one of several texts sharing the id.</summary>
    public string BomRef => SharedIdSuffix is { } at ? $"prompt:{ProjectRef}/{Id}@{at}" : $"prompt:{ProjectRef}/{Id}";
}

/// <summary>An MCP server the code connects to, or hands to the model provider as a hosted tool.</summary>
/// <param name="Transport">http, stdio or hosted.</param>
/// <param name="Target">The endpoint URL or command: the literal value when there is one, else the expression as written.</param>
/// <param name="IsLiteral">Whether <paramref name="Target"/> is a value the code spells out (a literal or a member's literal default).</param>
/// <param name="Origin">Where a non-literal target came from, e.g. "default of McpServerSettings.OrdersEndpoint", or null.</param>
/// <param name="Name">The hosted server's name, or null.</param>
/// <param name="Arguments">The stdio command's arguments.</param>
/// <param name="Locations">Where the connection is made.</param>
internal sealed record BomMcpServer(
    string Transport,
    string Target,
    bool IsLiteral,
    string? Origin,
    string? Name,
    ImmutableArray<McpArgument> Arguments,
    ImmutableArray<SourceLocation> Locations)
{
    /// <summary>Whether the target is a bare name whose value the code does not show: the server is known only by where it is made.</summary>
    public bool IsUnresolved { get; init; }

    public string BomRef => RefOf(Transport, Target, IsUnresolved, Arguments, Locations.IsEmpty ? null : Locations[0]);

    /// <summary>
    /// mcp:&lt;transport&gt;/&lt;target&gt;, followed by a stdio command's arguments as a command line would show them
    /// (one with a space, or empty, in double quotes): two servers started by the same command (<c>npx</c>) are two services.
    /// An unresolved target or argument is <c>unresolved@&lt;path:line&gt;</c> of the place it is made: a local's or a
    /// parameter's name (<c>endpoint</c>, <c>serverArgs</c>) is not a server, and two servers so named are not one.
    /// </summary>
    public static string RefOf(string transport, string target, bool isUnresolved, ImmutableArray<McpArgument> arguments, SourceLocation? place) =>
        $"mcp:{transport}/{(isUnresolved ? Unresolved(place) : target)}{string.Concat(arguments.Select(a => " " + (a.IsUnresolved ? Unresolved(place) : Quoted(a.Text))))}";

    private static string Unresolved(SourceLocation? place) => $"unresolved@{place}";

    private static string Quoted(string argument) =>
        argument.Length == 0 || argument.Any(char.IsWhiteSpace) ? $"\"{argument}\"" : argument;
}

/// <summary>One argument of a stdio MCP server's command: its value when the code spells it out, else the expression as written.</summary>
internal sealed record McpArgument(string Text, bool IsLiteral)
{
    /// <summary>Whether the argument (or the whole list) is a value the code does not show: the server is known only by where it is made.</summary>
    public bool IsUnresolved { get; init; }
}

/// <summary>One C# project of the input and the refs of what it uses (packages: the LLM SDKs it references directly).</summary>
internal sealed record BomProject(
    string Name,
    string RelativePath,
    string Version,
    ImmutableArray<string> PackageRefs,
    ImmutableArray<string> ModelRefs,
    ImmutableArray<string> PromptRefs,
    ImmutableArray<string> McpServerRefs)
{
    /// <summary>bom-refs of the other projects of the same solution that this one references.</summary>
    public ImmutableArray<string> ProjectRefs { get; init; } = [];

    public string BomRef => RefOf(RelativePath);

    public static string RefOf(string relativePath) => $"project:{relativePath}";
}

/// <summary>
/// The AI bill of materials of a project or solution, with every list in a stable order, so the same input gives
/// the same document.
/// </summary>
internal sealed record AiBom(
    string Name,
    bool IsSolution,
    ImmutableArray<BomProject> Projects,
    ImmutableArray<BomPackage> Packages,
    ImmutableArray<BomModel> Models,
    ImmutableArray<BomPrompt> Prompts,
    ImmutableArray<BomMcpServer> McpServers)
{
    /// <summary>The root's bom-ref: the project itself, or the solution.</summary>
    public string RootRef => IsSolution ? $"solution:{Name}" : Projects[0].BomRef;
}
