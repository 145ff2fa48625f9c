using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;
using Microsoft.CodeAnalysis;

namespace AiLint.Tool.Tests;

/// <summary>
/// MCP targets held in a local or a readonly field before they reach the transport: followed to their one visible value
/// (a literal, a configuration read's fallback, or the expression that computes it); a bare name whose value is not
/// known is unresolved, with a bom-ref of its own (two apps, or two servers of one app, that name their local
/// <c>endpoint</c> are not one server).
/// </summary>
public class BomMcpHeldTargetTests
{
    private const string Held = """
        using System;
        using Microsoft.Extensions.Configuration;
        using ModelContextProtocol.Client;

        public class Servers(IConfiguration config)
        {
            private readonly Uri tools = new Uri(config["Tools:Url"] ?? "https://tools.example.com/mcp");

            public object FromConfiguredLocal()
            {
                var endpoint = new Uri(config["Mcp:Url"] ?? "http://localhost:5000/mcp");
                return new HttpClientTransport(new() { Endpoint = endpoint });
            }

            public object FromLiteralLocal()
            {
                var url = "https://search.example.com/mcp";
                return new HttpClientTransportOptions { Endpoint = new Uri(url) };
            }

            public object FromReadonlyField() => new HttpClientTransportOptions { Endpoint = tools };

            public object FromEnvironment()
            {
                var mcpUrl = Environment.GetEnvironmentVariable("MCP_MONGODB_URL")!;
                var endpoint = new Uri(new Uri(mcpUrl.TrimEnd('/')), "/mcp");
                return new HttpClientTransportOptions { Endpoint = endpoint };
            }

            public object Reassigned(bool local)
            {
                var endpoint = new Uri("https://remote.example.com/mcp");
                if (local)
                {
                    endpoint = new Uri("http://localhost:5000/mcp");
                }

                return new HttpClientTransportOptions { Endpoint = endpoint };
            }

            public object FromParameter(Uri endpoint) => new HttpClientTransportOptions { Endpoint = endpoint };
        }
        """;

    [Fact]
    public void A_local_or_readonly_field_with_one_value_is_followed_and_a_name_with_no_known_value_is_unresolved()
    {
        var uses = Find(Held);

        Assert.Equal(
            [
                ("http://localhost:5000/mcp", true, "fallback of config[\"Mcp:Url\"]", false, 12),
                ("https://search.example.com/mcp", true, null, false, 18),
                ("https://tools.example.com/mcp", true, "fallback of config[\"Tools:Url\"]", false, 21),
                ("new Uri(new Uri(Environment.GetEnvironmentVariable(\"MCP_MONGODB_URL\")!.TrimEnd('/')), \"/mcp\")", false, "local 'endpoint'", false, 27),
                ("endpoint", false, null, true, 38),
                ("endpoint", false, null, true, 41),
            ],
            uses.Select(u => (u.Target, u.IsLiteral, u.Origin, u.IsUnresolved, u.Location.Line)));
    }

    [Fact]
    public async Task Unresolved_servers_have_a_bom_ref_each_and_say_so()
    {
        using var folder = new TempFolder();
        var bom = await AiBomBuilder.BuildAsync(await InMemoryInput.CreateAsync(folder.Root, Held), TextWriter.Null);

        Assert.Equal(
            [
                "mcp:http/http://localhost:5000/mcp",
                "mcp:http/https://search.example.com/mcp",
                "mcp:http/https://tools.example.com/mcp",
                "mcp:http/new Uri(new Uri(Environment.GetEnvironmentVariable(\"MCP_MONGODB_URL\")!.TrimEnd('/')), \"/mcp\")",
                "mcp:http/unresolved@Code.cs:38",
                "mcp:http/unresolved@Code.cs:41",
            ],
            bom.McpServers.Select(s => s.BomRef));

        var json = CycloneDxWriter.Write(bom);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var unresolved = document.RootElement.GetProperty("services").EnumerateArray().First(s => s.GetProperty("bom-ref").GetString() == "mcp:http/unresolved@Code.cs:38");
        Assert.Equal("unresolved", unresolved.GetProperty("name").GetString());
        Assert.False(unresolved.TryGetProperty("endpoints", out _));
        Assert.Equal(
            [("ailint:mcp:transport", "http"), ("ailint:mcp:endpoint", "endpoint"), ("ailint:mcp:as-written", "unresolved"), ("ailint:location", "Code.cs:38")],
            unresolved.GetProperty("properties").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("value").GetString())));

        var fallback = document.RootElement.GetProperty("services").EnumerateArray().First(s => s.GetProperty("bom-ref").GetString() == "mcp:http/http://localhost:5000/mcp");
        Assert.Equal(["http://localhost:5000/mcp"], fallback.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));

        Assert.Contains("| http | `endpoint` (unresolved) | `Code.cs:38` |", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
    }

    [Fact]
    public void Half_typed_locals_are_read_as_written_and_do_not_throw()
    {
        var compilation = SdkCompilation.Create("""
            using System;
            using ModelContextProtocol.Client;

            public class Servers
            {
                public object Missing() { var endpoint = Settings.Url; return new HttpClientTransportOptions { Endpoint = endpoint }; }
                public object Empty() { var endpoint = ; return new HttpClientTransportOptions { Endpoint = endpoint }; }
                public object Undeclared() => new HttpClientTransportOptions { Endpoint = nowhere };
                public object Cycle() { Uri a = b, b = a; return new HttpClientTransportOptions { Endpoint = a }; }
                public object Unfinished() { var endpoint = new Uri(
            """);

        var uses = McpServerFinder.Find(compilation, (tree, line) => new SourceLocation("Code.cs", line)).ToList();

        Assert.Equal(
            [("Settings.Url", false, false), ("endpoint", false, true), ("nowhere", false, true), ("a", false, true)],
            uses.Select(u => (u.Target, u.IsLiteral, u.IsUnresolved)));
    }

    private static List<McpServerUse> Find(string source)
    {
        var compilation = SdkCompilation.Create(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return McpServerFinder.Find(compilation, (tree, line) => new SourceLocation("Code.cs", line)).ToList();
    }
}
