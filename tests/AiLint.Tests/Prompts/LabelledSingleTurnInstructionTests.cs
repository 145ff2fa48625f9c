using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Single-turn instructions introduced by a label (review67): <c>"Task: Summarize the text below ..."</c>,
/// <c>"Instructions: ..."</c>, on the instruction's line or alone on the line above it, and instructions that open with
/// "Coordinate". The label is read past only where one line opens with it: the same label on several lines titles
/// records of data (a to-do list), and a label after a list marker or inside JSON is data too.
/// </summary>
public class LabelledSingleTurnInstructionTests
{
    [Fact]
    public Task Instructions_after_a_task_or_instructions_label_are_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Notes;
            public sealed class Summaries(IChatClient client)
            {
                public async Task<string> Bullets(string text) =>
                    (await client.GetResponseAsync({|#0:$"Task: Summarize the text below in three bullet points.\n{text}"|})).Text;

                public async Task<string> Urgency(string ticket) =>
                    (await client.GetResponseAsync({|#1:$"Context: {ticket}\n\nInstructions: Classify the ticket above as urgent or routine."|})).Text;

                public async Task<string> Heading(string notes) =>
                    (await client.GetResponseAsync({|#2:$"## Task:\nSummarize the meeting notes in two sentences.\n{notes}"|})).Text;

                public async Task<string> Bottle() =>
                    (await client.GetResponseAsync({|#3:"TASK: Write a product description for a steel water bottle. Keep it under 50 words."|})).Text;

                public async Task<string> Limerick() =>
                    (await client.GetResponseAsync({|#4:"Instructions:\nWrite a limerick about a cat. Keep it to five lines."|})).Text;
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Notes.Summaries.Bullets"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Notes.Summaries.Urgency"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Notes.Summaries.Heading"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Notes.Summaries.Bottle"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Notes.Summaries.Limerick"));

    [Fact]
    public Task Instructions_that_open_with_coordinate_are_prompts() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Planner;
            public sealed class Meetings(IChatClient client)
            {
                public async Task<string> Schedule(string attendees) =>
                    (await client.GetResponseAsync({|#0:$"Coordinate the calendars of the following attendees and propose one meeting time:\n{attendees}"|})).Text;

                public async Task<string> Agents(string goal) =>
                    (await client.GetResponseAsync({|#1:$"Coordinate with the researcher and the writer to reach this goal: {goal}"|})).Text;
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Planner.Meetings.Schedule"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Planner.Meetings.Agents"));

    // The data real apps send beside such prompts: a to-do record whose label titles a value, a to-do list whose items
    // each open with the label, a list item, a JSON field, a label alone with the user's text, and a coordinate as data.
    [Fact]
    public Task A_task_label_over_data_is_not_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Todo;
            public sealed record Item(string Title, string Due);
            public sealed class Assistant(IChatClient client)
            {
                public async Task<string> One(Item item) =>
                    (await client.GetResponseAsync($"Task: {item.Title}\nDue: {item.Due}")).Text;

                public async Task<string> List(string notes) =>
                    (await client.GetResponseAsync($"My to-do list:\nTask: Write the quarterly report.\nTask: Call the bank about the loan.\n{notes}")).Text;

                public async Task<string> Bullet(string due) =>
                    (await client.GetResponseAsync($"- Task: Write the quarterly report\n- Due: {due}")).Text;

                public async Task<string> Json(string owner) =>
                    (await client.GetResponseAsync("{\"Task\": \"Write the quarterly report. Keep it under two pages.\", \"owner\": \"" + owner + "\"}")).Text;

                public async Task<string> Question(string question) =>
                    (await client.GetResponseAsync("Instructions: " + question)).Text;

                public async Task<string> Map(double lat, double lon) =>
                    (await client.GetResponseAsync($"Coordinate system used by the map: WGS84\nPoint: {lat}, {lon}")).Text;
            }
            """);
}
