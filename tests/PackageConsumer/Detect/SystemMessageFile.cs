// A system prompt kept in a text file the project copies to its output and reads by name (Detect.csproj's None item):
// the package's targets list the copied file, so AIL0301 reports system_message.txt itself, which only happens when
// buildTransitive added it as an AdditionalFile with its source.
using OpenAI.Chat;

namespace ConsumerCheck;

public sealed class FileInstructedReplies(ChatClient chat)
{
    public async Task<string> ReplyAsync(string question)
    {
        var system = File.ReadAllText("system_message.txt");
        ChatCompletion completion = await chat.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)]);
        return completion.Content[0].Text;
    }
}
