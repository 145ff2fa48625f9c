using System.Text;
using static AiLint.Tests.Prompts.PromptTestHelpers;
using static AiLint.Tests.Prompts.RecordedPassTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// AIL0302 for a prompt assembled at run time (review87 D2, shindudwns/SAP_Automation_Program
/// AiEnrichmentService.CallOpenAiWithContextAsync): the page and the runtime <c>AiLint.PromptHash</c> define its hash
/// as <c>PromptHash.Compute(sb.ToString())</c>. When data is appended (<c>.Append(inputArray)</c>) that text holds one
/// run's data, which no build knows: its staleness is not checked, and a pass recorded the documented way never
/// leaves a warning that cannot be cleared.
/// </summary>
public class AssembledPromptRecordedPassTests
{
    private const string Id = "SimplifyQuoter.Services.AiEnrichmentService.CallOpenAiWithContextAsync";

    // The method reduced as in the repro; the body is serialized with System.Text.Json instead of Newtonsoft.Json (not
    // referenced by the tests). {DATA} is the last append: the batch, or nothing for the all-constant twin.
    private const string Code = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;

        namespace SimplifyQuoter.Services
        {
            public class PartContext { public string Code { get; set; } = ""; public string Brand { get; set; } = ""; }

            public class AiEnrichmentService
            {
                private readonly HttpClient _http = new HttpClient();
                private readonly string _modelName;
                public AiEnrichmentService(string modelName) { _modelName = modelName; }

                private async Task<string> CallOpenAiWithContextAsync(List<PartContext> batch)
                {
                    var jsonInputs = batch
                        .Select(p =>
                            $"{{\"code\":\"{p.Code}\",\"brand\":\"{p.Brand}\"}}");
                    var inputArray = "[" + string.Join(",", jsonInputs) + "]";
                    var userBuilder = {|#0:new StringBuilder()|}
                        .AppendLine("You are an expert parts-classifier.")
                        .AppendLine("For each item below, given its part number (code) and brand,")
                        .AppendLine("output a JSON array of objects with fields:")
                        .AppendLine("  code: string,")
                        .AppendLine("  item_group: one of [Bearings and Power Transmission, ETC, Welding and Soldering")
                        .AppendLine("  ], if you are uncertain, choose ETC.")
                        .AppendLine("Items:"){DATA};

                    var bodyObj = new
                    {
                        model = _modelName,
                        messages = new[]
                        {
                            new { role = "system", content = userBuilder.ToString() }
                        }
                    };

                    var req = new HttpRequestMessage(HttpMethod.Post, "https://api.openai.com/v1/chat/completions")
                    {
                        Content = new StringContent(JsonSerializer.Serialize(bodyObj), Encoding.UTF8, "application/json")
                    };
                    var rsp = await _http.SendAsync(req);
                    return await rsp.Content.ReadAsStringAsync();
                }
            }
        }
        """;

    private static readonly string WithBatch = Code.Replace("{DATA}", "\n                    .Append(inputArray)", StringComparison.Ordinal);

    private static readonly string[] Lines =
    {
        "You are an expert parts-classifier.",
        "For each item below, given its part number (code) and brand,",
        "output a JSON array of objects with fields:",
        "  code: string,",
        "  item_group: one of [Bearings and Power Transmission, ETC, Welding and Soldering",
        "  ], if you are uncertain, choose ETC.",
        "Items:",
    };

    /// <summary>What the method sends for one batch, built as the program builds it (as review87's verify program did).</summary>
    private static string SentFor(string inputArray)
    {
        var sb = new StringBuilder();
        foreach (var line in Lines)
        {
            sb.Append(line).Append('\n'); // AppendLine on Linux and macOS, as the page says
        }

        return sb.Append(inputArray).ToString();
    }

    private static string Unmarked(string code) => code.Replace("{|#0:", string.Empty, StringComparison.Ordinal).Replace("|}\n", "\n", StringComparison.Ordinal);

    // The builder is a prompt (no cases: AIL0301 at the builder), so the quiet tests below are not quiet for lack of one.
    [Fact]
    public Task Builder_with_the_batch_appended_is_a_prompt() =>
        VerifyPassesAsync(WithBatch, string.Empty, Diagnostic("AIL0301").WithLocation(0).WithArguments(Id));

    // Failed before the fix: the analyzer hashed "...Items:\n{inputArray}" and reported AIL0302 on a pass recorded
    // exactly as the page says, with a "current text" hash no run can produce.
    [Fact]
    public Task A_pass_recorded_as_documented_clears_AIL0302()
    {
        var file = global::AiLint.EvalFile.Parse(Case(Id, "bearing"));
        Assert.True(file.RecordPass(Id, "bearing", SentFor("[{\"code\":\"6204-2RS\",\"brand\":\"SKF\"}]")));
        Assert.Contains(global::AiLint.PromptHash.Compute(SentFor("[{\"code\":\"6204-2RS\",\"brand\":\"SKF\"}]")), file.Text, StringComparison.Ordinal);
        return VerifyPassesAsync(Unmarked(WithBatch), file.Text);
    }

    // The text holds one run's data, so no recorded hash can be judged older: none is reported (page, Known limitations).
    [Fact]
    public Task Any_recorded_hash_of_a_builder_with_data_is_not_judged() =>
        VerifyPassesAsync(Unmarked(WithBatch), Case(Id, sha: Sha256("an older prompt")));

    // Twin: the same builder without the data append is known text; an older recorded hash is still reported, and the
    // current hash is the one the program's sb.ToString() gives.
    [Fact]
    public Task All_constant_builder_is_still_checked()
    {
        var code = Code.Replace("{DATA}", string.Empty, StringComparison.Ordinal);
        return VerifyPassesAsync(
            code,
            Case(Id, sha: Sha256("an older prompt")),
            Diagnostic("AIL0302").WithLocation(0).WithArguments(Id, "1", global::AiLint.PromptHash.Compute(SentFor(string.Empty))));
    }

    [Fact]
    public Task All_constant_builder_recorded_as_documented_is_fresh() =>
        VerifyPassesAsync(
            Unmarked(Code.Replace("{DATA}", string.Empty, StringComparison.Ordinal)),
            Case(Id, sha: global::AiLint.PromptHash.Compute(SentFor(string.Empty))));

    // Twin: an interpolated template written at a slot keeps its holes in its hash, as the page says for templates.
    [Fact]
    public Task Template_at_a_slot_is_still_hashed_with_its_holes() =>
        VerifyPassesAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;
            public sealed class Assistant
            {
                public ChatOptions Build(string customer) =>
                    new ChatOptions { Instructions = {|#0:$"You are helping {customer}. Never share card numbers."|} };
            }
            """,
            Case("Shop.Assistant.Build", sha: Sha256("You are helping {customer}. Always share card numbers.")),
            Diagnostic("AIL0302").WithLocation(0).WithArguments("Shop.Assistant.Build", "1", Sha256("You are helping {customer}. Never share card numbers.")));

    // Half-typed: the appended value does not bind yet (an error type); no crash, and nothing to judge.
    [Fact]
    public Task Half_typed_append_is_not_reported() =>
        VerifyPassesAsync(
            Unmarked(Code.Replace("{DATA}", "\n                    .Append(inputArrray)", StringComparison.Ordinal)),
            Case(Id, sha: Sha256("an older prompt")),
            CompilerDiagnostics.None);
}
