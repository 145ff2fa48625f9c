using System.ClientModel.Primitives;
using System.Text.Json;

namespace AiLint.Tests.Schema;

/// <summary>The generated SDK bindings, invoked against the real OpenAI, Microsoft.Extensions.AI and Anthropic assemblies.</summary>
public sealed class SdkBindingTests : IDisposable
{
    private const string Source = """
        using System.ComponentModel;
        using AiLint;

        namespace Bindings;

        [LlmSchema("ticket_triage")]
        [Description("Triage of one ticket.")]
        public partial record Triage(string Summary, int? Priority);

        [LlmSchema(Providers = new[] { LlmProvider.Gemini })]
        public partial record GeminiOnly(string Text);
        """;

    private readonly LoadedAssembly loaded = GeneratorHarness.CompileAndLoad(Source);

    private SchemaType Triage => loaded.Type("Bindings.Triage");

    public void Dispose() => loaded.Dispose();

    [Fact]
    public void OpenAI_response_format_is_a_strict_json_schema()
    {
        var format = (OpenAI.Chat.ChatResponseFormat)Triage.Invoke("CreateOpenAIResponseFormat")!;
        using var wire = JsonDocument.Parse(ModelReaderWriter.Write(format).ToString());
        var root = wire.RootElement;
        Assert.Equal("json_schema", root.GetProperty("type").GetString());
        var jsonSchema = root.GetProperty("json_schema");
        Assert.Equal("ticket_triage", jsonSchema.GetProperty("name").GetString());
        Assert.Equal("Triage of one ticket.", jsonSchema.GetProperty("description").GetString());
        Assert.True(jsonSchema.GetProperty("strict").GetBoolean());
        Assert.Equal(Triage.GetJsonSchema(LlmProvider.OpenAI), jsonSchema.GetProperty("schema").GetRawText());
    }

    [Theory]
    [InlineData(LlmProvider.OpenAI)]
    [InlineData(LlmProvider.Anthropic)]
    [InlineData(LlmProvider.Gemini)]
    public void MEAI_response_format_carries_the_provider_schema(LlmProvider provider)
    {
        var format = Assert.IsType<Microsoft.Extensions.AI.ChatResponseFormatJson>(Triage.Invoke("CreateChatResponseFormat", provider));
        Assert.Equal("ticket_triage", format.SchemaName);
        Assert.Equal("Triage of one ticket.", format.SchemaDescription);
        Assert.Equal(Triage.GetJsonSchema(provider), format.Schema!.Value.GetRawText());
    }

    [Fact]
    public void Anthropic_output_config_carries_the_Anthropic_schema()
    {
        var config = (Anthropic.Models.Messages.OutputConfig)Triage.Invoke("CreateAnthropicOutputConfig")!;
        var body = JsonSerializer.SerializeToElement(config);
        var format = body.GetProperty("format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal(Triage.GetJsonSchema(LlmProvider.Anthropic), format.GetProperty("schema").GetRawText());
    }

    [Fact]
    public void Anthropic_tool_is_strict_with_the_Anthropic_input_schema()
    {
        var tool = (Anthropic.Models.Messages.Tool)Triage.Invoke("CreateAnthropicTool", null, null)!;
        Assert.Equal("ticket_triage", tool.Name);
        Assert.Equal("Triage of one ticket.", tool.Description);
        Assert.True(tool.Strict);
        var body = JsonSerializer.SerializeToElement(tool);
        Assert.Equal(Triage.GetJsonSchema(LlmProvider.Anthropic), body.GetProperty("input_schema").GetRawText());
    }

    [Fact]
    public void Bindings_for_non_targeted_providers_are_not_emitted()
    {
        var type = loaded.Type("Bindings.GeminiOnly").ClrType;
        Assert.Null(type.GetMethod("CreateOpenAIResponseFormat"));
        Assert.Null(type.GetMethod("CreateAnthropicOutputConfig"));
        Assert.NotNull(type.GetMethod("CreateChatResponseFormat"));
    }

    [Fact]
    public void Without_SDK_references_no_binding_is_emitted()
    {
        var (output, result) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source, Verifiers.ReferenceAssemblies.FrameworkOnly.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(LlmProvider).Assembly.Location))));
        var text = GeneratorHarness.GeneratedSource(result, "Bindings.Triage.LlmSchema.g.cs");
        Assert.DoesNotContain("OpenAI.Chat", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Extensions.AI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Anthropic.Models", text, StringComparison.Ordinal);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }
}
