using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// <c>AskAsync(client, "gpt-3.5-turbo-0613", question)</c> where the project's helper hands its parameter to
/// <c>GetChatClient(model)</c>: the constant argument is the id the call sends, reported at the argument. One level,
/// ordinary non-virtual methods of the project.
/// </summary>
public class HelperArgumentModelIdTests
{
    [Fact]
    public Task A_constant_passed_to_a_helper_that_picks_the_model_is_reported_at_the_argument() =>
        VerifyAsync("""
            using System.Threading.Tasks;
            using OpenAI;
            using OpenAI.Chat;
            class Program
            {
                const string Legacy = "gpt-3.5-turbo-0613";

                static async Task Main()
                {
                    var client = new OpenAIClient("key");
                    await AskAsync(client, {|#0:"gpt-3.5-turbo-0613"|}, "Tell a joke.");
                    await new Assistant().SummarizeAsync(client, "text", model: {|#1:Legacy|});
                    Send({|#2:"gpt-4-0613"|});
                }

                static async Task<string> AskAsync(OpenAIClient client, string model, string question)
                {
                    ChatCompletion c = await client.GetChatClient(model).CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) });
                    return c.Content[0].Text;
                }

                static void Send(string model) => new ChatClient(model, "key").CompleteChat(new ChatMessage[] { new UserChatMessage("hi") });
            }

            class Assistant
            {
                public async Task<string> SummarizeAsync(OpenAIClient client, string text, string model)
                {
                    ChatCompletion c = await client.GetChatClient(model).CompleteChatAsync(new ChatMessage[] { new UserChatMessage(text) });
                    return c.Content[0].Text;
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-0613", "2024-09-13", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo-0613", "2024-09-13", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4-0613", "2026-10-23", ""));

    // The correct code next to it: a current pinned id, a helper whose parameter is a label (never a slot), a helper
    // that writes its parameter, an Azure deployment name, a virtual helper, and a string that is not a model at all.
    [Fact]
    public Task Arguments_that_do_not_reach_an_OpenAI_model_slot_are_not_reported() =>
        VerifyAsync("""
            using System;
            using System.Threading.Tasks;
            using Azure.AI.OpenAI;
            using OpenAI;
            using OpenAI.Chat;
            class Program
            {
                static void Main(OpenAIClient client, AzureOpenAIClient azure)
                {
                    Ask(client, "gpt-5.5-2026-04-23");
                    Log("gpt-3.5-turbo-0613");
                    Remapped(client, "gpt-3.5-turbo-0613");
                    Deployment(azure, "gpt-35-turbo-0613");
                    Deployment(azure, "gpt-3.5-turbo-0613");
                    new Base().Ask(client, "gpt-3.5-turbo-0613");
                    Ask(client, "hello");
                }

                static void Ask(OpenAIClient client, string model) => client.GetChatClient(model);
                static void Log(string model) => Console.WriteLine("model: " + model);
                static void Remapped(OpenAIClient client, string model)
                {
                    model = model == "gpt-3.5-turbo-0613" ? "gpt-5.5-2026-04-23" : model;
                    client.GetChatClient(model);
                }

                static void Deployment(AzureOpenAIClient azure, string deployment) => azure.GetChatClient(deployment);
            }

            class Base
            {
                public virtual void Ask(OpenAIClient client, string model) => client.GetChatClient(model);
            }
            """);
}
