using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Vision features send their instruction as the text part beside an image in the only user message of a request
/// (review72 S-4): <c>new UserChatMessage(ChatMessageContentPart.CreateTextPart("Describe this receipt ..."),
/// ChatMessageContentPart.CreateImagePart(...))</c>, <c>new ChatMessage(ChatRole.User, [new TextContent("..."),
/// new DataContent(bytes, "image/png")])</c>. That text is judged by the single-turn test, as the text of a one-text user
/// message is (OneUserMessageRequests, UserMessageTextParts).
/// </summary>
public class ImageBesideTextSingleTurnTests
{
    [Fact]
    public Task OpenAI_instruction_beside_an_image_in_the_only_user_message_is_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Receipts;
            public sealed class ReceiptScanner(ChatClient chat)
            {
                private const string {|#1:TotalOnly|} = "You are an OCR assistant. Extract the total of the receipt and return it as a number only.";

                public async Task<string> ScanAsync(byte[] image)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(
                        new UserChatMessage(
                            ChatMessageContentPart.CreateTextPart({|#0:"Describe this receipt and list every item as JSON with its name and price. Do not add any other text."|}),
                            ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(image), "image/png")));
                    return completion.Content[0].Text;
                }

                public async Task<string> TotalAsync(Uri receipt)
                {
                    List<ChatMessage> messages = [new UserChatMessage([ChatMessageContentPart.CreateImagePart(receipt), ChatMessageContentPart.CreateTextPart(TotalOnly)])];
                    ChatCompletion completion = await chat.CompleteChatAsync(messages);
                    return completion.Content[0].Text;
                }

                public async Task<string> LabelAsync(BinaryData photo, string product)
                {
                    var text = ChatMessageContentPart.CreateTextPart({|#2:$"Write the shelf label for {product} from this photo. Use at most twelve words and never mention the price."|});
                    var image = ChatMessageContentPart.CreateImagePart(photo, "image/jpeg");
                    ChatCompletion completion = await chat.CompleteChatAsync(ChatMessage.CreateUserMessage(text, image));
                    return completion.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Receipts.ReceiptScanner.ScanAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Receipts.ReceiptScanner.TotalOnly"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Receipts.ReceiptScanner.LabelAsync"));

    [Fact]
    public Task MEAI_instruction_beside_data_or_uri_content_in_the_only_user_message_is_a_prompt() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Receipts;
            public sealed class ReceiptReader(IChatClient client)
            {
                public Task<ChatResponse> ReadAsync(byte[] bytes) =>
                    client.GetResponseAsync(new ChatMessage(ChatRole.User,
                        [new TextContent({|#0:"Describe this receipt and list every item as JSON. Always include the currency."|}), new DataContent(bytes, "image/png")]));

                public Task<ChatResponse> ReadUrlAsync(Uri url, string shop)
                {
                    var parts = new List<AIContent> { new UriContent(url, "image/jpeg"), new TextContent({|#1:$"You are a bookkeeper for {shop}. Categorize each line of this receipt."|}) };
                    return client.GetResponseAsync([new ChatMessage(ChatRole.User, parts)]);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Receipts.ReceiptReader.ReadAsync"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Receipts.ReceiptReader.ReadUrlAsync"));

    // The correct code beside it: the user's own question or a short request next to the image, and an instruction
    // carried by a system message (the system text is the prompt, the user's text part is not).
    [Fact]
    public Task Questions_short_requests_and_system_led_messages_are_not_single_turn_prompts() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            using MeaiMessage = Microsoft.Extensions.AI.ChatMessage;
            namespace Photos;
            public sealed class PhotoQuestions(ChatClient chat, IChatClient client)
            {
                public Task Ask(BinaryData photo, string question) =>
                    chat.CompleteChatAsync(new UserChatMessage(ChatMessageContentPart.CreateTextPart(question), ChatMessageContentPart.CreateImagePart(photo, "image/png")));

                public Task What(Uri photo) =>
                    chat.CompleteChatAsync(new UserChatMessage(ChatMessageContentPart.CreateTextPart("What is in this image?"), ChatMessageContentPart.CreateImagePart(photo)));

                public Task Describe(byte[] bytes) =>
                    client.GetResponseAsync(new MeaiMessage(ChatRole.User, [new TextContent("Describe this image."), new DataContent(bytes, "image/png")]));

                public Task Led(byte[] bytes) =>
                    client.GetResponseAsync(
                    [
                        new MeaiMessage(ChatRole.System, {|#0:"You are a museum guide. Answer in at most two sentences."|}),
                        new MeaiMessage(ChatRole.User, [new TextContent("Describe this painting and never guess the artist."), new DataContent(bytes, "image/png")]),
                    ]);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Photos.PhotoQuestions.Led"));

    // Not read, on purpose (the rule page's limit): a message of two text parts, the user's question and then the
    // app's constant, is not a one-text message, and which part instructs is not decided by the single-turn test.
    [Fact]
    public Task A_message_with_two_text_parts_is_not_read() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Photos;
            public sealed class Critic(ChatClient chat)
            {
                public Task TwoTexts(Uri photo, string question) =>
                    chat.CompleteChatAsync(new UserChatMessage(
                        ChatMessageContentPart.CreateTextPart(question),
                        ChatMessageContentPart.CreateImagePart(photo),
                        ChatMessageContentPart.CreateTextPart("You are an art critic. Never mention prices.")));
            }
            """);

    // Half-typed code: a text part without its text, an unknown part type, a message with no parts; nothing throws and
    // the complete message beside them is still read.
    [Fact]
    public async Task Half_typed_content_parts_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System;
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using OpenAI.Chat;
                using MeaiMessage = Microsoft.Extensions.AI.ChatMessage;
                public sealed class Draft(ChatClient chat, IChatClient client)
                {
                    public Task A(Uri photo) => chat.CompleteChatAsync(new UserChatMessage(ChatMessageContentPart.CreateTextPart(), ChatMessageContentPart.CreateImagePart(photo)));
                    public Task B(byte[] bytes) => client.GetResponseAsync(new MeaiMessage(ChatRole.User, [new TextContent("You are a chef. Suggest one recipe only."), new Missing()]));
                    public Task C() => chat.CompleteChatAsync(new UserChatMessage());
                    public Task D(Uri photo) =>
                        chat.CompleteChatAsync(new UserChatMessage(ChatMessageContentPart.CreateTextPart({|#0:"You are a chef. Suggest one recipe using what this photo shows."|}), ChatMessageContentPart.CreateImagePart(photo)));
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Draft.D"));
        await test.RunAsync();
    }
}
