// The chat page's behaviour. Loaded after the Socket.IO client, so io() exists here.
const socket = io();
const lines = document.getElementById("lines");

function append(text, cls) {
  const item = document.createElement("li");
  item.className = cls;
  item.textContent = text;
  lines.append(item);
}

socket.on("status", (data) => append(data.message, "status"));
socket.on("chat_message", (data) => append(`${data.username}: ${data.message}`, "other"));

document.getElementById("join").addEventListener("submit", (e) => {
  e.preventDefault();
  socket.emit("join", { username: e.target.username.value.trim() });
});

document.getElementById("say").addEventListener("submit", (e) => {
  e.preventDefault();
  const message = e.target.message.value.trim();
  if (message) {
    socket.emit("chat_message", { message });
    append(`you: ${message}`, "mine");
    e.target.message.value = "";
  }
});
