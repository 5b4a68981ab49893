// The seed's "Complete Node.js (Express) Example" (seed 004, sipgate AI Flow API reference),
// written out as ESM for bench/aiflow.ts to compare Switchboard with. The logic is the seed's,
// line for line: shared secret check, session Map, greeting, goodbye/bye, transfer/agent, echo,
// assistant_speak and session_end cleanup, user_input_timeout counting to 3 then hangup
// (including the seed's unreachable barge-in branch). Changes: `import` instead of `require`,
// and the two console.log calls on the hot path (assistant_speak and session_end) are removed
// so that logging to the terminal does not dominate the measurement.
//   AI_FLOW_SHARED_SECRET=... PORT=3000 node bench/reference/express-aiflow.js
import express from "express";

const app = express();
app.use(express.json());

// Configuration
const SHARED_SECRET = process.env.AI_FLOW_SHARED_SECRET;

// Session state (use database in production)
const sessions = new Map();

// Authentication middleware
const authenticate = (req, res, next) => {
  const providedSecret = req.headers["x-api-token"];
  if (providedSecret !== SHARED_SECRET) {
    return res.status(401).json({ error: "Unauthorized" });
  }
  next();
};

app.post("/webhook", authenticate, (req, res) => {
  try {
    const event = req.body;
    if (!event || !event.type) {
      return res.status(400).json({ error: "Invalid event" });
    }

    const sessionId = event.session.id;
    const eventType = event.type;

    // Session Start
    if (eventType === "session_start") {
      sessions.set(sessionId, {
        startedAt: Date.now(),
        phoneNumber: event.session.phone_number,
        timeoutCount: 0,
      });

      return res.json({
        type: "speak",
        session_id: sessionId,
        text: "Welcome to AI Flow! How can I help you today?",
        user_input_timeout_seconds: 8,
        barge_in: {
          strategy: "minimum_characters",
          minimum_characters: 3,
        },
      });
    }

    // User Speak
    if (eventType === "user_speak") {
      const userText = event.text.toLowerCase();

      // Handle goodbye
      if (userText.includes("goodbye") || userText.includes("bye")) {
        return res.json({
          type: "speak",
          session_id: sessionId,
          text: "Goodbye! Have a great day!",
        });
      }

      // Handle transfer request
      if (userText.includes("transfer") || userText.includes("agent")) {
        return res.json({
          type: "transfer",
          session_id: sessionId,
          target_phone_number: "+1234567890",
          caller_id_name: "Support Team",
          caller_id_number: "+1234567890",
        });
      }

      // Echo response
      return res.json({
        type: "speak",
        session_id: sessionId,
        text: `You said: ${event.text}. How else can I help?`,
        tts: {
          provider: "azure",
          language: "en-US",
          voice: "en-US-JennyNeural",
        },
      });
    }

    // Assistant Speak
    if (eventType === "assistant_speak") {
      // Seed: console.log(`Assistant spoke for ${event.duration_ms}ms`); removed for the benchmark.
      return res.status(204).send();
    }

    // Session End
    if (eventType === "session_end") {
      const session = sessions.get(sessionId);
      if (session) {
        // Seed: the duration was computed and logged here
        // (console.log(`Session ${sessionId} ended after ${duration.toFixed(2)} seconds`)); removed for the benchmark.
        sessions.delete(sessionId);
      }
      return res.status(204).send();
    }

    // Handle barge-in
    if (eventType === "user_speak" && event.barged_in) {
      return res.json({
        type: "speak",
        session_id: sessionId,
        text: "I'm listening, please continue.",
      });
    }

    // Handle user input timeout
    if (eventType === "user_input_timeout") {
      const session = sessions.get(sessionId);
      if (session) {
        session.timeoutCount = (session.timeoutCount || 0) + 1;

        // Hangup after 3 timeouts
        if (session.timeoutCount >= 3) {
          return res.json({
            type: "hangup",
            session_id: sessionId,
          });
        }

        // Retry with prompt
        return res.json({
          type: "speak",
          session_id: sessionId,
          text: `I didn't hear anything. Please respond. Attempt ${session.timeoutCount} of 3.`,
          user_input_timeout_seconds: 5,
        });
      }
    }

    res.status(204).send();
  } catch (error) {
    console.error("Error processing webhook:", error);
    res.status(500).json({ error: "Internal server error" });
  }
});

app.get("/health", (req, res) => {
  res.json({ status: "ok" });
});

const PORT = process.env.PORT || 3000;
app.listen(PORT, () => {
  console.log(`AI Flow webhook server running on port ${PORT}`);
});
