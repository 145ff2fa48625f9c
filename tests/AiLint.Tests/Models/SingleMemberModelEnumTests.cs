using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A model enum with a single member, mapped to the id it names by an extension method whose other arm throws, read at
/// the slot (the shape of a Discord bot's image path: <c>enum ImageModel { Dalle3 }</c>,
/// <c>ImageModel.Dalle3 =&gt; "dall-e-3"</c>, <c>GetImageClient(model: model.ToModelId())</c>). The catalog exemption
/// (ModelNameArms: the user picks among several models) does not hold: whatever value reaches the switch, the request
/// names that one model. Twins: an enum of two or more members mapped to ids (a picker, still a catalog), and a
/// one-member mapping that no model slot reads.
/// </summary>
public class SingleMemberModelEnumTests
{
    private const string OneMemberEnum = """
        using System;
        using OpenAI;
        using OpenAI.Images;

        public enum PictureModel
        {
            DallE3
        }

        public static class PictureModelNames
        {
            public static string ToWireId(this PictureModel model) => model switch
            {
                PictureModel.DallE3 => "dall-e-3",
                _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model"),
            };
        }

        """;

    // Before: nothing at #0 (the arm was skipped as a catalog entry); the literal at the same slot was reported.
    [Fact]
    public Task The_one_members_mapped_id_is_the_id_at_the_slot() =>
        VerifyAsync(OneMemberEnum + """
            public class PictureService(string apiKey)
            {
                private readonly OpenAIClient _client = new(apiKey: apiKey);

                public ImageClient For(PictureModel model) => _client.GetImageClient(model: {|#0:model.ToWireId()|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("dall-e-3", "2026-05-12", ""));

    // The statement form of the same mapping (a switch statement whose default throws).
    [Fact]
    public Task The_statement_form_of_a_one_member_mapping_is_read_the_same_way() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Images;

            public enum PictureModel { DallE2 }

            public static class PictureModelNames
            {
                public static string ToWireId(PictureModel model)
                {
                    switch (model)
                    {
                        case PictureModel.DallE2:
                            return "dall-e-2";
                        default:
                            throw new ArgumentOutOfRangeException(nameof(model));
                    }
                }
            }

            public class PictureService(OpenAIClient client)
            {
                public ImageClient For(PictureModel model) => client.GetImageClient({|#0:PictureModelNames.ToWireId(model)|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("dall-e-2", "2026-05-12", ""));

    // Two members mapped to ids: the user or the settings pick one, so the arms stay a catalog (the AIL0503 page).
    [Fact]
    public Task An_enum_of_two_members_mapped_to_ids_stays_a_catalog() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Images;

            public enum PictureModel
            {
                DallE3,
                GptImage15,
            }

            public static class PictureModelNames
            {
                public static string ToWireId(this PictureModel model) => model switch
                {
                    PictureModel.DallE3 => "dall-e-3",
                    PictureModel.GptImage15 => "gpt-image-1.5",
                    _ => throw new ArgumentOutOfRangeException(nameof(model)),
                };
            }

            public class PictureService(OpenAIClient client)
            {
                public ImageClient For(PictureModel model) => client.GetImageClient(model: model.ToWireId());
            }
            """);

    // The one-member mapping is only shown to the user (a command's label), never passed to a model slot.
    [Fact]
    public Task A_one_member_mapping_no_slot_reads_is_quiet() =>
        VerifyAsync(OneMemberEnum + """
            public class PictureCommand
            {
                public string Describe(PictureModel model) => "Drawing with " + model.ToWireId();

                public void Log(PictureModel model) => Console.WriteLine(model.ToWireId());
            }
            """);

    // Half-typed code: an enum with no member yet, an arm naming a member that does not exist, an unfinished call.
    [Fact]
    public Task Half_typed_single_member_enums_do_not_crash_or_report() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Images;

            public enum PictureModel { }

            public static class PictureModelNames
            {
                public static string ToWireId(this PictureModel model) => model switch
                {
                    PictureModel.{|CS0117:DallE3|} => "dall-e-3",
                    _ => throw new ArgumentOutOfRangeException(nameof(model)),
                };
            }

            public class PictureService(OpenAIClient client)
            {
                public ImageClient For(PictureModel model) => client.GetImageClient(model: model.{|CS1501:ToWireId|}(1));
            }
            """);
}
