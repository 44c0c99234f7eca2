-- The dialogue list, first page of 50 (GET /sessions)
-- Parameters:
--   $1 = "00000000-0000-4000-8000-000000000001"
--   $2 = false
--   $3 = "00000000-0000-4000-8000-000000000001"
--   $4 = false
--   $5 = 50
--   $6 = 0
SELECT json_build_object('count', CASE WHEN count(p.id) > 0 THEN max(p.total) ELSE (SELECT count(*) FROM "sessions" JOIN "clients" ON "clients"."id" = "sessions"."client_id" WHERE ("sessions"."company_id" = $1 and "sessions"."marked_as_spam" = $2)) END, 'items', coalesce(json_agg(json_build_object(
    'id', "sessions"."id", 'chatId', "sessions"."chat_id", 'name', "sessions"."name", 'status', "sessions"."status", 'channel', "sessions"."channel",
    'messengerType', "sessions"."messenger_type", 'markedAsSpam', "sessions"."marked_as_spam", 'clientId', "sessions"."client_id",
    'client', json_build_object('id', "clients"."id", 'externalId', "clients"."external_id", 'name', "clients"."name", 'phone', "clients"."phone",
      'email', "clients"."email", 'tags', (SELECT coalesce(json_agg(json_build_object('id', "t"."id", 'name', "t"."name", 'color', "t"."color")
    ORDER BY "l"."created_at"), '[]') FROM "client_tags" l JOIN "tags" t ON "t"."id" = "l"."tag_id" WHERE "l"."client_id" = "clients"."id")),
    'clientBanned', false, 'clientOnlineAt', to_char("sessions"."last_client_message_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'operatorId', "sessions"."operator_id", 'operatorName', "users"."name", 'operatorAssignedAt', to_char("sessions"."operator_assigned_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'operatorIds', (SELECT coalesce(json_agg("o"."user_id" ORDER BY "o"."created_at"), '[]') FROM "session_operators" o WHERE "o"."session_id" = "sessions"."id"),
    'startedAt', to_char("sessions"."started_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'closedAt', to_char("sessions"."closed_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'lastMessage', (SELECT json_build_object('id', "m"."id", 'authorId', "m"."author_id", 'authorType', "m"."author_type", 'authorName', "m"."author_name",
        'type', "m"."type", 'body', "m"."body", 'attachments', (SELECT coalesce(json_agg(json_build_object('name', f.a->'name', 'contentType', f.a->'contentType',
          'size', f.a->'size', 'url', f.a->'url') ORDER BY f.n), '[]') FROM jsonb_array_elements("m"."attachments") WITH ORDINALITY f(a, n)),
        'createdAt', to_char("m"."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'readAt', to_char("m"."read_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      FROM "messages" m WHERE "m"."id" = "sessions"."last_message_id"),
    'lastMessageCreatedAt', to_char("sessions"."last_message_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'lastOperatorMessage', "sessions"."last_operator_message",
    'firstClientMessageAfterLastOperatorMessage', "sessions"."first_client_message_after_operator",
    'unreadClientMessageCount', "sessions"."unread_client_count", 'tags', st.names, 'tagIds', st.ids,
    'timerFirstAnswer', "chats"."timer_first_answer", 'timerNextAnswers', "chats"."timer_next_answers") ORDER BY p.n), '[]'))::text AS body
  FROM (SELECT "sessions"."id" AS id, row_number() OVER (ORDER BY "sessions"."status" asc, "sessions"."last_message_at" DESC NULLS LAST, "sessions"."id") AS n, count(*) OVER () AS total
    FROM "sessions" JOIN "clients" ON "clients"."id" = "sessions"."client_id" WHERE ("sessions"."company_id" = $3 and "sessions"."marked_as_spam" = $4) ORDER BY "sessions"."status" asc, "sessions"."last_message_at" DESC NULLS LAST, "sessions"."id" LIMIT $5 OFFSET $6) p JOIN "sessions" ON "sessions"."id" = p.id JOIN "clients" ON "clients"."id" = "sessions"."client_id"
  LEFT JOIN "users" ON "users"."id" = "sessions"."operator_id" LEFT JOIN "chats" ON "chats"."id" = "sessions"."chat_id"
  LEFT JOIN LATERAL (SELECT string_agg("t"."name", ', ' ORDER BY "l"."created_at") AS names, coalesce(json_agg("t"."id" ORDER BY "l"."created_at"), '[]') AS ids
    FROM "session_tags" l JOIN "tags" t ON "t"."id" = "l"."tag_id" WHERE "l"."session_id" = "sessions"."id") st ON true
