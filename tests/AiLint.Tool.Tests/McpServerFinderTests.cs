using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;
using Microsoft.CodeAnalysis;

namespace AiLint.Tool.Tests;

public class McpServerFinderTests
{
    [Fact]
    public void Finds_http_stdio_and_hosted_servers()
    {
        var uses = Find("""
            using Microsoft.Extensions.AI;
            using ModelContextProtocol.Client;

            public class Servers
            {
                public object Http() => new HttpClientTransportOptions { Endpoint = new Uri("https://mcp.example.com/mcp") };
                public object Stdio() => new StdioClientTransportOptions
                {
                    Name = "everything",
                    Command = "npx",
                    Arguments = ["-y", "@modelcontextprotocol/server-everything"],
                };
                public AITool Hosted() => new HostedMcpServerTool("github", "https://api.githubcopilot.com/mcp/");
            }
            """);

        Assert.Equal(3, uses.Count);
        Assert.Equal(("http", "https://mcp.example.com/mcp", true, 6), (uses[0].Transport, uses[0].Target, uses[0].IsLiteral, uses[0].Location.Line));
        Assert.Equal(("stdio", "npx", "everything"), (uses[1].Transport, uses[1].Target, uses[1].Name));
        Assert.Equal(["-y", "@modelcontextprotocol/server-everything"], uses[1].Arguments.Select(a => a.Text));
        Assert.Equal(("hosted", "https://api.githubcopilot.com/mcp/", "github"), (uses[2].Transport, uses[2].Target, uses[2].Name));
    }

    [Fact]
    public void Reads_settings_defaults_and_helper_call_sites_and_keeps_other_values_as_written()
    {
        var uses = Find("""
            using Microsoft.Extensions.Configuration;
            using ModelContextProtocol.Client;

            public class Settings
            {
                public Uri Orders { get; set; } = new("http://localhost:5100/mcp");
            }

            public class Servers(Settings settings, IConfiguration configuration)
            {
                public object FromSettings() => new HttpClientTransportOptions { Endpoint = settings.Orders };
                public object FromConfiguration() => new HttpClientTransportOptions { Endpoint = new Uri(configuration["Mcp:Url"]!) };
                public object ViaHelper() => Connect(new Uri("https://tools.example.com/mcp"));
                public IEnumerable<object> EachServer(List<Uri> servers)
                {
                    foreach (var server in servers)
                    {
                        yield return new HttpClientTransportOptions { Endpoint = server };
                    }
                }

                private static object Connect(Uri endpoint) => new HttpClientTransportOptions { Endpoint = endpoint };
            }
            """);

        Assert.Equal(
            [
                ("http://localhost:5100/mcp", true, "default of Settings.Orders"),
                ("new Uri(configuration[\"Mcp:Url\"]!)", false, null),
                ("servers", false, "each item of servers"),
                ("https://tools.example.com/mcp", true, "argument 'endpoint' of Connect"),
            ],
            uses.Select(u => (u.Target, u.IsLiteral, u.Origin)));
    }

    [Fact]
    public void Ignores_uris_that_are_not_mcp_transports()
    {
        var uses = Find("""
            public class NotServers
            {
                public Uri Docs() => new Uri("https://example.com/mcp");
                public HttpClient Client() => new HttpClient { BaseAddress = new Uri("https://example.com/mcp") };
            }
            """);

        Assert.Empty(uses);
    }

    private static List<McpServerUse> Find(string source)
    {
        var compilation = SdkCompilation.Create("using System; using System.Collections.Generic; using System.Net.Http;\n" + source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return McpServerFinder.Find(compilation, (tree, line) => new SourceLocation("Code.cs", line - 1)).ToList();
    }
}
