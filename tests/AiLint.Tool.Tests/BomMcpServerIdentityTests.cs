using System.Text.Json;
using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// A stdio MCP server is its command and its arguments: every argument is listed (one held in a local with one visible
/// value as that value, any other non-literal one as written), and two servers started by the same command (two
/// <c>npx</c> packages) are two services.
/// </summary>
public class BomMcpServerIdentityTests
{
    // A CLI's servers: a filesystem server given the workspace folder, and a second npx server.
    private const string TwoNpxServers = """
        using System.IO;
        using ModelContextProtocol.Client;

        public static class Servers
        {
            public static StdioClientTransport FileSystem()
            {
                var workdir = Directory.GetCurrentDirectory();
                return new StdioClientTransport(new StdioClientTransportOptions
                {
                    Name = "filesystem",
                    Command = "npx",
                    Arguments = ["-y", "@modelcontextprotocol/server-filesystem", workdir],
                });
            }

            public static StdioClientTransport GitHub() => new(new StdioClientTransportOptions
            {
                Name = "github",
                Command = "npx",
                Arguments = ["-y", "@modelcontextprotocol/server-github"],
            });

            public static StdioClientTransport GitHubAgain() => new(new StdioClientTransportOptions
            {
                Name = "github",
                Command = "npx",
                Arguments = new[] { "-y", "@modelcontextprotocol/server-github" },
            });
        }
        """;

    [Fact]
    public async Task Two_servers_started_by_the_same_command_are_two_services_with_all_their_arguments()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, TwoNpxServers);

        Assert.Equal(
            ["mcp:stdio/npx -y @modelcontextprotocol/server-filesystem Directory.GetCurrentDirectory()", "mcp:stdio/npx -y @modelcontextprotocol/server-github"],
            bom.McpServers.Select(s => s.BomRef));
        var fileSystem = bom.McpServers[0];
        Assert.Equal([("-y", true), ("@modelcontextprotocol/server-filesystem", true), ("Directory.GetCurrentDirectory()", false)], fileSystem.Arguments.Select(a => (a.Text, a.IsLiteral)));
        Assert.Equal(("filesystem", "npx"), (fileSystem.Name, fileSystem.Target));

        // The same server started at two places is one service.
        Assert.Equal(["Code.cs:17", "Code.cs:24"], bom.McpServers[1].Locations.Select(l => l.ToString()));

        var json = CycloneDxWriter.Write(bom);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        Assert.Equal(
            [
                ("ailint:mcp:transport", "stdio"),
                ("ailint:mcp:command", "npx"),
                ("ailint:mcp:as-written", "literal"),
                ("ailint:mcp:argument", "-y"),
                ("ailint:mcp:argument", "@modelcontextprotocol/server-filesystem"),
                ("ailint:mcp:argument-expression", "Directory.GetCurrentDirectory()"),
                ("ailint:location", "Code.cs:9"),
            ],
            ServiceProperties(json, fileSystem.BomRef));
        Assert.Contains("| stdio (filesystem) | `npx` `-y` `@modelcontextprotocol/server-filesystem` `Directory.GetCurrentDirectory()` |", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stdio_server_without_arguments_and_an_http_server_keep_their_refs()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using System;
            using ModelContextProtocol.Client;

            public static class Servers
            {
                public static object Local() => new StdioClientTransportOptions { Command = "my-mcp-server" };
                public static object Remote() => new HttpClientTransportOptions { Endpoint = new Uri("https://mcp.example.com/mcp") };
            }
            """);

        Assert.Equal(["mcp:http/https://mcp.example.com/mcp", "mcp:stdio/my-mcp-server"], bom.McpServers.Select(s => s.BomRef));
        Assert.All(bom.McpServers, s => Assert.Empty(s.Arguments));
    }

    [Fact]
    public async Task Arguments_the_code_does_not_spell_element_by_element_are_unresolved_per_place_and_an_element_expression_is_as_written()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using System.Collections.Generic;
            using ModelContextProtocol.Client;

            public static class Servers
            {
                public static object FromSettings(IList<string> configured) =>
                    new StdioClientTransportOptions { Command = "uvx", Arguments = configured };
                public static object Built(string token) =>
                    new StdioClientTransportOptions { Command = "docker", Arguments = new List<string> { "run", "-e", $"TOKEN={token}", "mcp/github" } };
            }
            """);

        Assert.Equal(
            [
                ("mcp:stdio/docker run -e $\"TOKEN={token}\" mcp/github", "run|-e|$\"TOKEN={token}\"|mcp/github"),
                ("mcp:stdio/uvx unresolved@Code.cs:7", "configured"),
            ],
            bom.McpServers.Select(s => (s.BomRef, string.Join("|", s.Arguments.Select(a => a.Text)))));
        Assert.Equal((false, true), (bom.McpServers[1].Arguments.Single().IsLiteral, bom.McpServers[1].Arguments.Single().IsUnresolved));
        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
    }

    [Fact]
    public async Task Half_typed_arguments_list_what_is_written_and_do_not_throw()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using ModelContextProtocol.Client;

            public static class Servers
            {
                public static object Broken() => new StdioClientTransportOptions { Command = "npx", Arguments = ["-y", Missing.Folder, ] };
                public static object Unfinished() => new StdioClientTransportOptions { Command = "npx", Arguments = [
            """);

        Assert.Contains(bom.McpServers, s => s.Target == "npx");
        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
    }

    private static async Task<AiBom> BuildAsync(string directory, string source)
    {
        var input = await InMemoryInput.CreateAsync(directory, source);
        return await AiBomBuilder.BuildAsync(input, TextWriter.Null);
    }

    internal static List<(string Name, string Value)> ServiceProperties(string json, string bomRef)
    {
        using var document = JsonDocument.Parse(json);
        var service = document.RootElement.GetProperty("services").EnumerateArray().Single(c => c.GetProperty("bom-ref").GetString() == bomRef);
        return service.GetProperty("properties").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("value").GetString()!))
            .ToList();
    }
}
